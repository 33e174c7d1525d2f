namespace LeadSync.Core.Fields;

/// <summary>One row of the field mapping page: a Zoho Lead field, whether and how it is mapped, and what may be chosen.</summary>
/// <param name="Definition">Zoho's current metadata (the mapped snapshot when Zoho deleted the field).</param>
/// <param name="IsCore">One of the six fields always synced both ways.</param>
/// <param name="Mapped">Synced now (always true for core fields).</param>
/// <param name="Direction">The chosen direction (both ways for core and unmapped fields).</param>
/// <param name="Allowed">The directions an admin may choose; empty when the field cannot be mapped.</param>
/// <param name="Problem">What Zoho changed under the mapping, or null.</param>
public sealed record FieldMappingView(
    ZohoFieldDefinition Definition, bool IsCore, bool Mapped, FieldSyncDirection Direction, IReadOnlyList<FieldSyncDirection> Allowed, string? Problem)
{
    public string ApiName => Definition.ApiName;

    /// <summary>True when the admin may switch the field on or off.</summary>
    public bool CanMap => !IsCore && Allowed.Count > 0;
}
