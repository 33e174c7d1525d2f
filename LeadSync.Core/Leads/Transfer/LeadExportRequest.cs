namespace LeadSync.Core.Leads.Transfer;

/// <summary>Which leads an export writes (a filter, or chosen ids), in which order, and whether the sync columns come too.</summary>
public sealed record LeadExportRequest
{
    public const int MaxIds = 100_000;

    public LeadFilter Filter { get; init; } = LeadFilter.All;

    /// <summary>When set, exactly these leads (a selection), whatever the filter.</summary>
    public IReadOnlyCollection<Guid>? Ids { get; init; }

    public LeadSortField SortBy { get; init; } = LeadSortField.UpdatedAt;

    /// <summary>When set, sorted by this mapped extra field instead of <see cref="SortBy"/>.</summary>
    public FieldFilters.FieldSort? SortByField { get; init; }

    public bool Descending { get; init; } = true;

    public bool SyncColumns { get; init; }
}
