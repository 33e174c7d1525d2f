namespace LeadSync.Core.Fields;

/// <summary>
/// One field's wanted mapping, as the admin left it on the page: synced or not, and which way. Sending a mapped field
/// with a problem again accepts Zoho's change (the snapshot becomes Zoho's current metadata).
/// </summary>
public sealed record FieldMappingChange(string ApiName, bool Mapped, FieldSyncDirection Direction = FieldSyncDirection.BothWays);
