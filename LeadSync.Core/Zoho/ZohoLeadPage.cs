namespace LeadSync.Core.Zoho;

/// <summary>
/// One page of a Leads listing. A 204 or 304 is one empty page with <see cref="MoreRecords"/> false, which ends the
/// stream. <see cref="ServerTime"/> is Zoho's clock when it answered (its <c>Date</c> header), when it sent one.
/// </summary>
public sealed record ZohoLeadPage(IReadOnlyList<ZohoLead> Records, bool MoreRecords, string? NextPageToken)
{
    public DateTimeOffset? ServerTime { get; init; }
}
