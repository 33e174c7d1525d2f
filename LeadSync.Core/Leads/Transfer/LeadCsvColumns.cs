namespace LeadSync.Core.Leads.Transfer;

/// <summary>
/// The header names of LeadSync's lead CSV files: the six lead fields (what an import reads back) and, optionally, the
/// sync columns (state, Zoho id, when last synced…), which an export adds for reports and an import ignores.
/// </summary>
public static class LeadCsvColumns
{
    public const string FirstName = "First name";
    public const string LastName = "Last name";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string Status = "Status";
    public const string Company = "Company";

    public const string Id = "LeadSync id";
    public const string SyncState = "Sync state";
    public const string ZohoId = "Zoho id";
    public const string LastSyncedAt = "Last synced at";
    public const string UpdatedAt = "Updated at";
    public const string LastError = "Last error";

    public static IReadOnlyList<string> Fields { get; } = [FirstName, LastName, Email, Phone, Status, Company];

    public static IReadOnlyList<string> Sync { get; } = [Id, SyncState, ZohoId, LastSyncedAt, UpdatedAt, LastError];
}
