namespace LeadSync.Core.Leads;

/// <summary>One page of rows and the total count matching the filter.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    /// <summary>
    /// True when more than <see cref="TotalCount"/> match: the count stopped there (a quick search over many leads,
    /// <see cref="LeadListOptions.SearchCountLimit"/>). Every place that shows the count says "more than".
    /// </summary>
    public bool TotalIsLowerBound { get; init; }
}
