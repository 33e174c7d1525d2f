namespace LeadSync.ZohoSandbox;

/// <summary>A page of leads, whether more follow, and the key of the last one (for the next page token).</summary>
public sealed record SandboxListResult(IReadOnlyList<SandboxLead> Leads, bool MoreRecords, SandboxSortKey? LastKey);
