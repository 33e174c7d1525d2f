namespace LeadSync.ZohoSandbox;

/// <summary>The <c>sort_by</c> values v3+ allows (§2.2).</summary>
public enum SandboxSortField
{
    Id,
    CreatedTime,
    ModifiedTime,
}
