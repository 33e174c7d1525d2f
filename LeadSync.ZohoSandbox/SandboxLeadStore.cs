namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's working set, held in memory and indexed for listing (by id, Created_Time and Modified_Time, each
/// tie-broken by id) and for Email matching; every change is written through to <see cref="SandboxDatabase"/> first.
/// Writers serialise on <see cref="BeginWriteAsync"/>; readers only take the short in-memory lock.
/// </summary>
public sealed class SandboxLeadStore(SandboxDatabase database) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly Dictionary<long, SandboxLead> byId = [];
    private readonly SortedSet<SandboxSortKey> idIndex = [];
    private readonly SortedSet<SandboxSortKey> createdIndex = [];
    private readonly SortedSet<SandboxSortKey> modifiedIndex = [];
    private readonly Dictionary<string, SortedSet<long>> emailIndex = new(StringComparer.OrdinalIgnoreCase);
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
                return byId.Count;
            }
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await database.EnsureCreatedAsync(cancellationToken);
        var (leads, gone) = await database.LoadLeadsAsync(cancellationToken);
        lock (gate)
        {
            ClearMemory();
            foreach (var lead in leads)
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
            await database.ClearLeadsAsync(cancellationToken);
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
            return byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The oldest lead with this email (case-insensitive), the upsert match (§2.6).</summary>
    public SandboxLead? FindByEmail(string email)
    {
        lock (gate)
        {
            return emailIndex.TryGetValue(email, out var ids) && ids.Count > 0 ? byId[ids.Min] : null;
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
            foreach (var key in Ordered(query))
            {
                var lead = byId[key.Id];
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
    public static SandboxSortKey KeyOf(SandboxLead lead, SandboxSortField sortBy)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return sortBy switch
        {
            SandboxSortField.CreatedTime => new SandboxSortKey(lead.CreatedTime.UtcTicks, lead.Id),
            SandboxSortField.ModifiedTime => new SandboxSortKey(lead.ModifiedTime.UtcTicks, lead.Id),
            _ => new SandboxSortKey(lead.Id, lead.Id),
        };
    }

    /// <summary>Leads whose name, email, company, phone or status contains <paramref name="search"/>, newest change first (for the page).</summary>
    public (IReadOnlyList<SandboxLead> Items, int Total) Search(string? search, int skip, int take)
    {
        lock (gate)
        {
            IEnumerable<SandboxLead> all = modifiedIndex.Reverse().Select(k => byId[k.Id]);
            if (!string.IsNullOrWhiteSpace(search))
            {
                var s = search.Trim();
                all = all.Where(l => Contains(l.FullName, s) || Contains(l.Email, s) || Contains(l.Company, s)
                    || Contains(l.Phone, s) || Contains(l.LeadStatus, s) || l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == s);
                var matching = all.ToList();
                return (matching.Skip(skip).Take(take).ToList(), matching.Count);
            }

            return (all.Skip(skip).Take(take).ToList(), byId.Count);
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

    private IEnumerable<SandboxSortKey> Ordered(SandboxListQuery query)
    {
        if (query.Ids is { } ids)
        {
            var keys = ids.Where(byId.ContainsKey).Select(id => KeyOf(byId[id], query.SortBy));
            keys = query.Descending ? keys.OrderByDescending(k => k) : keys.OrderBy(k => k);
            return Window(keys.ToList(), query);
        }

        var index = query.SortBy switch
        {
            SandboxSortField.CreatedTime => createdIndex,
            SandboxSortField.ModifiedTime => modifiedIndex,
            _ => idIndex,
        };
        if (index.Count == 0)
        {
            return [];
        }

        var low = SandboxSortKey.MinValue;
        var high = SandboxSortKey.MaxValue;
        if (query.SortBy == SandboxSortField.ModifiedTime && query.ModifiedAfter is { } after)
        {
            low = new SandboxSortKey(after.UtcTicks + 1, long.MinValue);
        }

        if (query.After is { } cursor)
        {
            if (query.Descending)
            {
                high = cursor;
            }
            else if (cursor > low)
            {
                low = cursor;
            }
        }

        if (low > high)
        {
            return [];
        }

        var view = index.GetViewBetween(low, high);
        IEnumerable<SandboxSortKey> ordered = query.Descending ? view.Reverse() : view;
        if (query.After is { } c)
        {
            return ordered.Where(k => k != c);
        }

        return ordered.Skip(query.Offset);
    }

    private static IEnumerable<SandboxSortKey> Window(List<SandboxSortKey> keys, SandboxListQuery query)
    {
        if (query.After is { } cursor)
        {
            return keys.Where(k => query.Descending ? k < cursor : k > cursor);
        }

        return keys.Skip(query.Offset);
    }

    private void Add(SandboxLead lead)
    {
        byId[lead.Id] = lead;
        idIndex.Add(KeyOf(lead, SandboxSortField.Id));
        createdIndex.Add(KeyOf(lead, SandboxSortField.CreatedTime));
        modifiedIndex.Add(KeyOf(lead, SandboxSortField.ModifiedTime));
        if (!string.IsNullOrEmpty(lead.Email))
        {
            if (!emailIndex.TryGetValue(lead.Email, out var set))
            {
                set = [];
                emailIndex[lead.Email] = set;
            }

            set.Add(lead.Id);
        }

        lastId = Math.Max(lastId, lead.Id);
    }

    private void Remove(long id)
    {
        if (!byId.Remove(id, out var lead))
        {
            return;
        }

        idIndex.Remove(KeyOf(lead, SandboxSortField.Id));
        createdIndex.Remove(KeyOf(lead, SandboxSortField.CreatedTime));
        modifiedIndex.Remove(KeyOf(lead, SandboxSortField.ModifiedTime));
        if (!string.IsNullOrEmpty(lead.Email) && emailIndex.TryGetValue(lead.Email, out var set))
        {
            set.Remove(id);
            if (set.Count == 0)
            {
                emailIndex.Remove(lead.Email);
            }
        }
    }

    public void Dispose() => writeGate.Dispose();

    private void ClearMemory()
    {
        byId.Clear();
        idIndex.Clear();
        createdIndex.Clear();
        modifiedIndex.Clear();
        emailIndex.Clear();
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
