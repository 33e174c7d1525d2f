namespace LeadSync.Core.Leads;

/// <summary>
/// Which leads a bulk action applies to: either explicit ids (rows ticked in the console, across pages) or every lead
/// matching a <see cref="LeadFilter"/> ("all N matching"), resolved by the database when the action runs.
/// </summary>
public sealed record LeadSelection
{
    private LeadSelection(IReadOnlyCollection<Guid> ids, LeadFilter? filter, int count, bool countIsLowerBound = false)
    {
        Ids = ids;
        Filter = filter;
        Count = count;
        CountIsLowerBound = countIsLowerBound;
    }

    /// <summary>Nothing selected.</summary>
    public static LeadSelection None { get; } = new([], null, 0);

    /// <summary>The explicitly chosen ids (empty in filter mode).</summary>
    public IReadOnlyCollection<Guid> Ids { get; }

    /// <summary>The filter in "all matching" mode; null for explicit ids.</summary>
    public LeadFilter? Filter { get; }

    /// <summary>How many leads the selection covered when it was made (the filter's count at that time).</summary>
    public int Count { get; }

    /// <summary>True when more than <see cref="Count"/> leads matched (a search counted only so far, <see cref="LeadListOptions"/>).</summary>
    public bool CountIsLowerBound { get; }

    public bool IsFilter => Filter is not null;

    public bool IsEmpty => Count == 0;

    /// <summary>Explicit ids (duplicates removed).</summary>
    public static LeadSelection Explicit(IEnumerable<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var set = ids.Distinct().ToArray();
        return set.Length == 0 ? None : new LeadSelection(set, null, set.Length);
    }

    /// <summary>
    /// Every lead matching <paramref name="filter"/>; <paramref name="count"/> is what the user was shown ("more than"
    /// it when <paramref name="countIsLowerBound"/>). The action works on the filter, whatever the number.
    /// </summary>
    public static LeadSelection Matching(LeadFilter filter, int count, bool countIsLowerBound = false)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new LeadSelection([], filter, count, countIsLowerBound);
    }
}
