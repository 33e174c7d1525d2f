namespace LeadSync.Core.Fields;

/// <summary>
/// An extra (non-core) Zoho field an admin chose to sync, with its current metadata and direction. The six core fields
/// (first and last name, email, phone, status, company) are always mapped and never appear here.
/// </summary>
/// <param name="Definition">Zoho's metadata for the field as last read.</param>
/// <param name="Direction">Which way values travel.</param>
/// <param name="Problem">Set when Zoho changed the field under the mapping (deleted, retyped, made mandatory…): the
/// field is skipped by the sync and the mapping page flags it; null when the field is healthy.</param>
public sealed record MappedField(ZohoFieldDefinition Definition, FieldSyncDirection Direction, string? Problem = null)
{
    public string ApiName => Definition.ApiName;

    /// <summary>True when pulls bring Zoho's value in.</summary>
    public bool Pulls => Problem is null && Direction != FieldSyncDirection.LeadSyncToZoho;

    /// <summary>True when pushes send LeadSync's value.</summary>
    public bool Pushes => Problem is null && Direction != FieldSyncDirection.ZohoToLeadSync && Definition.Writable;
}
