namespace LeadSync.Core.Fields;

/// <summary>
/// Zoho's <c>data_type</c> names (field metadata, docs/zoho §2.12) to <see cref="ZohoFieldType"/> and back, in one place:
/// the client reads them, the sandbox serves them and the mapping page names them.
/// </summary>
public static class ZohoFieldTypes
{
    private static readonly Dictionary<string, ZohoFieldType> ByDataType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = ZohoFieldType.Text,
        ["textarea"] = ZohoFieldType.TextArea,
        ["email"] = ZohoFieldType.Email,
        ["phone"] = ZohoFieldType.Phone,
        ["website"] = ZohoFieldType.Website,
        ["picklist"] = ZohoFieldType.Picklist,
        ["multiselectpicklist"] = ZohoFieldType.MultiSelectPicklist,
        ["integer"] = ZohoFieldType.WholeNumber,
        ["bigint"] = ZohoFieldType.BigWholeNumber,
        ["double"] = ZohoFieldType.DecimalNumber,
        ["currency"] = ZohoFieldType.Currency,
        ["percent"] = ZohoFieldType.Percent,
        ["date"] = ZohoFieldType.Date,
        ["datetime"] = ZohoFieldType.DateTime,
        ["boolean"] = ZohoFieldType.Boolean,
        ["lookup"] = ZohoFieldType.Lookup,
        ["ownerlookup"] = ZohoFieldType.OwnerLookup,
    };

    /// <summary>The kind of a Zoho <c>data_type</c>; any name LeadSync does not know (formula, subform, image…) is <see cref="ZohoFieldType.Unsupported"/>.</summary>
    public static ZohoFieldType Parse(string? dataType) =>
        dataType is not null && ByDataType.TryGetValue(dataType, out var type) ? type : ZohoFieldType.Unsupported;

    /// <summary>Zoho's <c>data_type</c> for a kind (the sandbox's metadata); <c>"unsupported"</c> for <see cref="ZohoFieldType.Unsupported"/>.</summary>
    public static string DataTypeOf(ZohoFieldType type) =>
        ByDataType.FirstOrDefault(p => p.Value == type).Key ?? "unsupported";

    /// <summary>What a person calls the kind (the mapping page, problem texts).</summary>
    public static string Describe(ZohoFieldType type) => type switch
    {
        ZohoFieldType.Text => "Single line",
        ZohoFieldType.TextArea => "Multi-line",
        ZohoFieldType.Email => "Email",
        ZohoFieldType.Phone => "Phone",
        ZohoFieldType.Website => "URL",
        ZohoFieldType.Picklist => "Pick list",
        ZohoFieldType.MultiSelectPicklist => "Multi-select",
        ZohoFieldType.WholeNumber => "Number",
        ZohoFieldType.BigWholeNumber => "Long integer",
        ZohoFieldType.DecimalNumber => "Decimal",
        ZohoFieldType.Currency => "Currency",
        ZohoFieldType.Percent => "Percent",
        ZohoFieldType.Date => "Date",
        ZohoFieldType.DateTime => "Date/time",
        ZohoFieldType.Boolean => "Checkbox",
        ZohoFieldType.Lookup => "Lookup",
        ZohoFieldType.OwnerLookup => "User lookup",
        _ => "Not supported",
    };
}
