namespace LeadSync.Core.Leads;

/// <summary>The columns the console can sort on (each one indexed).</summary>
public enum LeadSortField
{
    UpdatedAt,
    CreatedAt,
    FirstName,
    LastName,
    Email,
    Phone,
    Company,
    Status,
    SyncState,
    LastSyncedAt,
    ZohoModifiedTime,
    ZohoId,
}
