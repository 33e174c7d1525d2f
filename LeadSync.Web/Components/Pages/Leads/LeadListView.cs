using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// What the Leads page shows: filter, sort, page and page size — everything that goes into its URL
/// (<see cref="LeadListUrl"/>), so "all leads in Error, newest first, page 3" can be bookmarked and shared.
/// </summary>
public sealed record LeadListView
{
    public static readonly int[] PageSizes = [25, 50, 100, 200];

    public const int DefaultPageSize = 50;

    public LeadFilter Filter { get; init; } = LeadFilter.All;

    public LeadSortField SortBy { get; init; } = LeadSortField.UpdatedAt;

    /// <summary>When set, the grid is sorted by this mapped extra field instead of <see cref="SortBy"/>.</summary>
    public FieldSort? SortByField { get; init; }

    public bool Descending { get; init; } = true;

    /// <summary>Extra-field filters in the address that could not be applied (each names the field and the rule); not part of the address.</summary>
    public IReadOnlyList<ValidationFailure> Problems { get; init; } = [];

    /// <summary>Zero-based, like the grid's.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    public static LeadListView Default { get; } = new();

    /// <summary>The same view on its first page with another filter (a new filter starts at the top).</summary>
    public LeadListView WithFilter(LeadFilter filter) => this with { Filter = filter, Page = 0, Problems = [] };

    public LeadPageRequest ToRequest() =>
        new() { Filter = Filter, SortBy = SortBy, SortByField = SortByField, Descending = Descending, Page = Page, PageSize = PageSize };
}
