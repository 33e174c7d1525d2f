namespace LeadSync.Core.Leads;

/// <summary>
/// What <see cref="LeadPageSource"/> decided for one page of the leads list: the leads to sort and page, how many match
/// (<paramref name="TotalIsLowerBound"/>: more than <paramref name="Total"/> match; the count stopped there), and
/// whether to pick the page's ids first (PostgreSQL walking a sort index: an index-only walk when the index carries the
/// search text, then 50 rows read by id).
/// </summary>
internal sealed record LeadPagePlan(IQueryable<Lead> Query, int Total, bool TotalIsLowerBound, bool IdsFirst)
{
    /// <summary>The page's ids when they are already known (a <see cref="SearchWalk"/>): <see cref="Query"/> is those leads, not to be paged again.</summary>
    public IReadOnlyList<Guid>? PageIds { get; init; }
}
