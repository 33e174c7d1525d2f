namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's working set, held in memory and indexed for listing and Email matching (<see cref="SandboxLeadIndex"/>)
/// with the deleted records beside it; every change is written through to <see cref="SandboxDatabase"/> first.
/// Writers serialise on <see cref="BeginWriteAsync"/>; readers only take the short in-memory lock.
/// </summary>
public sealed class SandboxLeadStore(SandboxDatabase database) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly SandboxLeadIndex leads = new();
    private readonly Dictionary<long, SandboxDeletedLead> deleted = [];
    private long lastId;

    /// <summary>Raised after every committed change (the sandbox page refreshes).</summary>
    public event Action? Changed;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return leads.Count;
            }
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await database.EnsureCreatedAsync(cancellationToken);
        var (stored, gone) = await database.LoadLeadsAsync(cancellationToken);
        var issuedBeforeReset = await database.GetFlagAsync(SandboxDatabase.LastLeadIdFlag, cancellationToken);
        lock (gate)
        {
            ClearMemory();
            lastId = Math.Max(lastId, issuedBeforeReset is null ? 0 : long.Parse(issuedBeforeReset, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var lead in stored)
            {
                Add(lead);
            }

            foreach (var d in gone)
            {
                deleted[d.Id] = d;
                lastId = Math.Max(lastId, d.Id);
            }
        }
    }

    /// <summary>Serialises writers: validate against the current state, then <see cref="CommitAsync"/>, then dispose.</summary>
    public async Task<IDisposable> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        return new Releaser(writeGate);
    }

    /// <summary>A fresh 19-digit id (call while holding the write lease).</summary>
    public long NextId()
    {
        lock (gate)
        {
            lastId = Math.Max(lastId + 1, 5_725_767_000_000_000_001);
            return lastId;
        }
    }

    /// <summary>Saves the changes in one transaction, then applies them to the working set.</summary>
    public async Task CommitAsync(SandboxChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        await database.SaveAsync(changes, cancellationToken);
        lock (gate)
        {
            foreach (var lead in changes.Saved)
            {
                Remove(lead.Id);
                Add(lead);
                deleted.Remove(lead.Id);
            }

            foreach (var d in changes.Deleted)
            {
                Remove(d.Id);
                deleted[d.Id] = d;
            }
        }

        Changed?.Invoke();
    }

    /// <summary>Removes every lead and deleted record.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        using (await BeginWriteAsync(cancellationToken))
        {
            long issued;
            lock (gate)
            {
                issued = lastId;
            }

            await database.ClearLeadsAsync(issued, cancellationToken);
            lock (gate)
            {
                ClearMemory();
            }
        }

        Changed?.Invoke();
    }

    public SandboxLead? Find(long id)
    {
        lock (gate)
        {
            return leads.Find(id);
        }
    }

    /// <summary>The oldest lead with this email (case-insensitive), the upsert match (§2.6).</summary>
    public SandboxLead? FindByEmail(string email)
    {
        lock (gate)
        {
            return leads.FindByEmail(email);
        }
    }

    public bool IsDeleted(long id)
    {
        lock (gate)
        {
            return deleted.ContainsKey(id);
        }
    }

    public SandboxListResult List(SandboxListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var take = Math.Max(0, query.Take);
        var page = new List<SandboxLead>(Math.Min(take, 200));
        var more = false;
        SandboxSortKey? lastKey = null;
        lock (gate)
        {
            foreach (var key in leads.Ordered(query))
            {
                var lead = leads[key.Id];
                if (query.ModifiedAfter is { } after && lead.ModifiedTime <= after)
                {
                    continue;
                }

                if (page.Count == take)
                {
                    more = true;
                    break;
                }

                page.Add(lead);
                lastKey = key;
            }
        }

        return new SandboxListResult(page, more, lastKey);
    }

    /// <summary>The sort key of a lead in the given order (for page tokens).</summary>
    public static SandboxSortKey KeyOf(SandboxLead lead, SandboxSortField sortBy) => SandboxLeadIndex.KeyOf(lead, sortBy);

    /// <summary>Leads whose name, email, company, phone or status contains <paramref name="search"/>, newest change first (for the page).</summary>
    public (IReadOnlyList<SandboxLead> Items, int Total) Search(string? search, int skip, int take)
    {
        lock (gate)
        {
            var all = leads.NewestChangeFirst();
            if (!string.IsNullOrWhiteSpace(search))
            {
                var s = search.Trim();
                all = all.Where(l => Contains(l.FullName, s) || Contains(l.Email, s) || Contains(l.Company, s)
                    || Contains(l.Phone, s) || Contains(l.LeadStatus, s) || l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == s);
                var matching = all.ToList();
                return (matching.Skip(skip).Take(take).ToList(), matching.Count);
            }

            return (all.Skip(skip).Take(take).ToList(), leads.Count);
        }
    }

    /// <summary>Deleted leads (newest deletion first) deleted strictly after <paramref name="deletedAfter"/>.</summary>
    public IReadOnlyList<SandboxDeletedLead> ListDeleted(DateTimeOffset? deletedAfter)
    {
        lock (gate)
        {
            return deleted.Values
                .Where(d => deletedAfter is null || d.DeletedTime > deletedAfter)
                .OrderByDescending(d => d.DeletedTime).ThenByDescending(d => d.Id)
                .ToList();
        }
    }

    private static bool Contains(string? value, string search) =>
        value is not null && value.Contains(search, StringComparison.OrdinalIgnoreCase);

    private void Add(SandboxLead lead)
    {
        leads.Add(lead);
        lastId = Math.Max(lastId, lead.Id);
    }

    private void Remove(long id) => leads.Remove(id);

    public void Dispose() => writeGate.Dispose();

    private void ClearMemory()
    {
        leads.Clear();
        deleted.Clear();
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
