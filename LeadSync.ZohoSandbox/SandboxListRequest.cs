using System.Globalization;

namespace LeadSync.ZohoSandbox;

/// <summary>The parameters of one <c>GET /Leads</c> call (§2.2), validated by <see cref="SandboxListRequestReader"/>.</summary>
internal sealed record SandboxListRequest
{
    /// <summary>The requested fields, in the order given, without duplicates.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    public required int PerPage { get; init; }

    /// <summary>The <c>page</c> parameter (1 when not given).</summary>
    public required int Page { get; init; }

    /// <summary>The <c>page_token</c> parameter (empty when not given).</summary>
    public required string PageToken { get; init; }

    public required SandboxSortField SortBy { get; init; }

    /// <summary>The <c>sort_by</c> value as the response echoes it (<c>id</c> when not given).</summary>
    public required string SortByName { get; init; }

    /// <summary><c>asc</c> or <c>desc</c>.</summary>
    public required string SortOrder { get; init; }

    public required IReadOnlySet<long>? Ids { get; init; }

    /// <summary>The <c>If-Modified-Since</c> header: only leads modified strictly after it.</summary>
    public required DateTimeOffset? ModifiedAfter { get; init; }

    public bool Descending => SortOrder == "desc";

    /// <summary>What a page token is bound to: every parameter but the paging itself.</summary>
    public string Fingerprint => string.Join('|', string.Join(',', Fields), SortBy, SortOrder,
        Ids is null ? string.Empty : string.Join(',', Ids.Order()), ModifiedAfter?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
}
