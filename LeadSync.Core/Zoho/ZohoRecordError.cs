namespace LeadSync.Core.Zoho;

/// <summary>
/// Zoho's error: <c>code</c>, <c>message</c> and the diagnostic <c>details</c> (§3): the field's <c>api_name</c>,
/// its <c>json_path</c>, and for <c>DUPLICATE_DATA</c> the id of the record that already holds the value.
/// </summary>
public sealed record ZohoRecordError(string Code, string Message, string? ApiName = null, string? JsonPath = null, string? ExistingId = null)
{
    /// <summary>The LeadSync field name for <see cref="ApiName"/> (e.g. <c>Last_Name</c> → <c>LastName</c>), when there is one.</summary>
    public string? LeadField => ZohoFieldNames.ToLeadField(ApiName);
}
