namespace LeadSync.Core.Zoho;

/// <summary>One page of a Leads listing. An empty page with <see cref="MoreRecords"/> false ends the stream (204/304 → no pages).</summary>
public sealed record ZohoLeadPage(IReadOnlyList<ZohoLead> Records, bool MoreRecords, string? NextPageToken);
