namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// What one Bulk Read job of Leads asks for (§6.1): the fields, the records modified after a moment (none: all), and
/// which slice of 200,000 — <see cref="Page"/> for the first ones, <see cref="PageToken"/> past them.
/// </summary>
public sealed record ZohoBulkReadQuery
{
    /// <summary>Records per job page (§6.1).</summary>
    public const int RecordsPerJob = 200_000;

    /// <summary>API names of the fields to export; Zoho adds the <c>Id</c> column itself.</summary>
    public IReadOnlyList<string> Fields { get; init; } = ZohoLead.ApiFields;

    /// <summary>Only records with a Modified_Time after this (criteria <c>greater_than</c>, whole seconds).</summary>
    public DateTimeOffset? ModifiedAfter { get; init; }

    public int Page { get; init; } = 1;

    /// <summary>The previous job's <c>next_page_token</c>; when set, <see cref="Page"/> is not sent.</summary>
    public string? PageToken { get; init; }
}
