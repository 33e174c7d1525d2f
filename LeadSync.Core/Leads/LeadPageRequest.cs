using LeadSync.Core.Leads.FieldFilters;

namespace LeadSync.Core.Leads;

/// <summary>One page of the leads list: filter, sort and a zero-based page index.</summary>
public sealed record LeadPageRequest
{
    public const int MaxPageSize = 500;

    public LeadFilter Filter { get; init; } = LeadFilter.All;

    public LeadSortField SortBy { get; init; } = LeadSortField.UpdatedAt;

    /// <summary>When set, the leads are sorted by this mapped extra field instead of <see cref="SortBy"/>.</summary>
    public FieldSort? SortByField { get; init; }

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = 50;
}
