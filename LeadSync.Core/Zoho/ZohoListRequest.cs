namespace LeadSync.Core.Zoho;

/// <summary>
/// A Leads list call (§2.2): <c>If-Modified-Since</c> (sent in whole seconds with an explicit offset),
/// <c>sort_by=Modified_Time&amp;sort_order=asc</c>, 200 per page, walking <c>page_token</c> past 2,000 records.
/// </summary>
public sealed record ZohoListRequest
{
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Field API names (at most 50); defaults to <see cref="ZohoLead.ApiFields"/> and the mapped extra fields that pull.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary><c>Modified_Time</c> (default), <c>Created_Time</c> or <c>id</c>.</summary>
    public string SortBy { get; init; } = "Modified_Time";

    public bool Ascending { get; init; } = true;

    public int PerPage { get; init; } = 200;
}
