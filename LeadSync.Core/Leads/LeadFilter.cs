using LeadSync.Core.Leads.FieldFilters;

namespace LeadSync.Core.Leads;

/// <summary>
/// Which leads: a quick search across name, email, phone and company, plus sync-state and status filters and filters on
/// mapped extra fields, and "has field errors".
/// Shared by the grid, "all N matching" bulk actions and the REST API.
/// </summary>
public sealed record LeadFilter
{
    public string? Search { get; init; }

    public IReadOnlyCollection<SyncState>? SyncStates { get; init; }

    public IReadOnlyCollection<string>? Statuses { get; init; }

    /// <summary>Filters on mapped extra fields (all must hold), checked against the metadata by <see cref="FieldFilterText"/>.</summary>
    public IReadOnlyList<FieldFilter>? Fields { get; init; }

    /// <summary>True: only leads with a per-field error (a mapped field that does not sync for them, either way); false: only leads without; null: either.</summary>
    public bool? HasFieldErrors { get; init; }

    public static LeadFilter All { get; } = new();
}
