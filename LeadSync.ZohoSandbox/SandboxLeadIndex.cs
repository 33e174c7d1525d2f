namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's leads in memory: by id, sorted by id, Created_Time and Modified_Time (each tie-broken by id), and by
/// Email. Not thread-safe: <see cref="SandboxLeadStore"/> uses it under its lock only.
/// </summary>
internal sealed class SandboxLeadIndex
{
    private readonly Dictionary<long, SandboxLead> byId = [];
    private readonly SortedSet<SandboxSortKey> idIndex = [];
    private readonly SortedSet<SandboxSortKey> createdIndex = [];
    private readonly SortedSet<SandboxSortKey> modifiedIndex = [];
    private readonly Dictionary<string, SortedSet<long>> emailIndex = new(StringComparer.OrdinalIgnoreCase);

    public int Count => byId.Count;

    /// <summary>The lead with this id, which must be held (a key from <see cref="Ordered"/>).</summary>
    public SandboxLead this[long id] => byId[id];

    public SandboxLead? Find(long id) => byId.GetValueOrDefault(id);

    /// <summary>The oldest lead with this email (case-insensitive).</summary>
    public SandboxLead? FindByEmail(string email) =>
        emailIndex.TryGetValue(email, out var ids) && ids.Count > 0 ? byId[ids.Min] : null;

    /// <summary>Every lead, the most recently modified first.</summary>
    public IEnumerable<SandboxLead> NewestChangeFirst() => modifiedIndex.Reverse().Select(k => byId[k.Id]);

    /// <summary>The sort key of a lead in the given order.</summary>
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

    public void Add(SandboxLead lead)
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
    }

    public void Remove(long id)
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

    public void Clear()
    {
        byId.Clear();
        idIndex.Clear();
        createdIndex.Clear();
        modifiedIndex.Clear();
        emailIndex.Clear();
    }

    /// <summary>
    /// The keys of a listing in order, from where the page starts (offset or cursor), not yet filtered by
    /// <see cref="SandboxListQuery.ModifiedAfter"/> except where the Modified_Time index can skip ahead.
    /// </summary>
    public IEnumerable<SandboxSortKey> Ordered(SandboxListQuery query)
    {
        if (query.Ids is { } ids)
        {
            return OrderedIds(ids, query);
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

        var (low, high) = Bounds(query);
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

    /// <summary>The listed ids that are held, sorted, from the cursor or offset on.</summary>
    private IEnumerable<SandboxSortKey> OrderedIds(IReadOnlySet<long> ids, SandboxListQuery query)
    {
        var keys = ids.Where(byId.ContainsKey).Select(id => KeyOf(byId[id], query.SortBy));
        keys = query.Descending ? keys.OrderByDescending(k => k) : keys.OrderBy(k => k);
        var list = keys.ToList();
        if (query.After is { } cursor)
        {
            return list.Where(k => query.Descending ? k < cursor : k > cursor);
        }

        return list.Skip(query.Offset);
    }

    /// <summary>The index range to walk: after If-Modified-Since (Modified_Time order), up to or from the cursor (inclusive).</summary>
    private static (SandboxSortKey Low, SandboxSortKey High) Bounds(SandboxListQuery query)
    {
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

        return (low, high);
    }
}
