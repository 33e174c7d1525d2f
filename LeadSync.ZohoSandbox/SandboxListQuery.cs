namespace LeadSync.ZohoSandbox;

/// <summary>One page of the store's leads: order, filters, and either an offset or a cursor (the last key already served).</summary>
public sealed record SandboxListQuery
{
    public SandboxSortField SortBy { get; init; } = SandboxSortField.Id;

    public bool Descending { get; init; } = true;

    /// <summary>Only leads whose Modified_Time is strictly after this instant (If-Modified-Since).</summary>
    public DateTimeOffset? ModifiedAfter { get; init; }

    public IReadOnlySet<long>? Ids { get; init; }

    public int Offset { get; init; }

    /// <summary>When set, the page starts after this key (page-token walking) and <see cref="Offset"/> is ignored.</summary>
    public SandboxSortKey? After { get; init; }

    public int Take { get; init; } = 200;
}
