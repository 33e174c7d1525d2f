namespace LeadSync.ZohoSandbox;

/// <summary>
/// One row of a Bulk Write result file (§6.2): STATUS (ADDED, UPDATED or SKIPPED), RECORD_ID (the written lead) and
/// ERRORS (<c>CODE-field</c>, several joined by ':').
/// </summary>
internal readonly record struct SandboxBulkRowOutcome(string Status, string? RecordId, string? Errors)
{
    public const string AddedStatus = "ADDED";
    public const string UpdatedStatus = "UPDATED";
    public const string SkippedStatus = "SKIPPED";

    public static SandboxBulkRowOutcome From(SandboxWriteItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Error is { } error)
        {
            return Skipped(error.Code, error.ApiName ?? SandboxLeadFields.Id);
        }

        return new(item.Action == "insert" ? AddedStatus : UpdatedStatus, SandboxJson.Id(item.Lead!.Id), null);
    }

    public static SandboxBulkRowOutcome Skipped(string code, string field) => new(SkippedStatus, null, $"{code}-{field}");
}
