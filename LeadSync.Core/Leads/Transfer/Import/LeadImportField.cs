namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>The lead field a CSV column fills (the six synced fields; names as in <see cref="LeadFields.Names"/>).</summary>
public enum LeadImportField
{
    FirstName,
    LastName,
    Email,
    Phone,
    Status,
    Company,
}
