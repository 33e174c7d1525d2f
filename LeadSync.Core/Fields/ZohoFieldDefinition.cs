namespace LeadSync.Core.Fields;

/// <summary>
/// One Lead field as Zoho's field metadata describes it (<c>GET /crm/{v}/settings/fields?module=Leads</c>): what it is
/// called, what it holds and whether it may be written. Orgs customise every part of it, so LeadSync reads it at run time
/// instead of assuming the standard set (reference §2.11).
/// </summary>
public sealed record ZohoFieldDefinition
{
    /// <summary>The API name (e.g. <c>Industry</c>, <c>Budget__c</c>); the key in record JSON and in CSV headers.</summary>
    public required string ApiName { get; init; }

    public required string Label { get; init; }

    public required ZohoFieldType Type { get; init; }

    /// <summary>Zoho's <c>data_type</c> as sent, kept for display and for kinds mapped to <see cref="ZohoFieldType.Unsupported"/>.</summary>
    public required string DataType { get; init; }

    /// <summary>Zoho's <c>length</c>: the most characters (text kinds) or digits (number kinds); null when Zoho sends none.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The picklist's current display values in Zoho's order (empty for other kinds); <c>-None-</c> excluded.</summary>
    public IReadOnlyList<string> PicklistValues { get; init; } = [];

    /// <summary>Zoho's <c>read_only</c> (or a system field such as <c>Modified_Time</c>): LeadSync never writes it.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Zoho's <c>custom_field</c>: created by the org, not shipped by Zoho.</summary>
    public bool Custom { get; init; }

    /// <summary>Zoho's <c>system_mandatory</c> or a layout-mandatory flag: a write without a value is refused.</summary>
    public bool Mandatory { get; init; }

    /// <summary>True when LeadSync may send this field to Zoho: not read-only, not a lookup, and of a kind it understands.</summary>
    public bool Writable => !ReadOnly && Type is not (ZohoFieldType.Unsupported or ZohoFieldType.Lookup or ZohoFieldType.OwnerLookup);
}
