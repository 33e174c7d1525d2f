using System.Text.Json;
using LeadSync.Core.Fields;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Reads Zoho's field metadata answer (<c>{"fields":[…]}</c>, docs/zoho §2.12) into <see cref="ZohoFieldDefinition"/>s,
/// in Zoho's order. A field without an <c>api_name</c> is skipped; the <c>-None-</c> picklist entry is dropped.
/// </summary>
internal static class ZohoFieldMetadataJson
{
    public static IReadOnlyList<ZohoFieldDefinition> Parse(ZohoResponse response)
    {
        if (response.IsEmpty)
        {
            return [];
        }

        var root = ZohoJson.Root(response);
        return ZohoJson.Array(root, "fields").Select(Field).OfType<ZohoFieldDefinition>().ToList();
    }

    private static ZohoFieldDefinition? Field(JsonElement field)
    {
        var apiName = ZohoJson.String(field, "api_name");
        if (string.IsNullOrWhiteSpace(apiName))
        {
            return null;
        }

        var dataType = ZohoJson.String(field, "data_type") ?? "";
        return new ZohoFieldDefinition
        {
            ApiName = apiName,
            Label = ZohoJson.String(field, "field_label") ?? ZohoJson.String(field, "display_label") ?? apiName,
            DataType = dataType,
            Type = ZohoFieldTypes.Parse(dataType),
            MaxLength = Length(field),
            PicklistValues = ZohoJson.Array(field, "pick_list_values")
                .Select(v => ZohoJson.String(v, "display_value") ?? ZohoJson.String(v, "actual_value"))
                .OfType<string>()
                .Where(v => v != "-None-")
                .ToList(),
            ReadOnly = ZohoJson.Bool(field, "read_only") || ZohoJson.Bool(field, "field_read_only"),
            Custom = ZohoJson.Bool(field, "custom_field"),
            Mandatory = ZohoJson.Bool(field, "system_mandatory"),
        };
    }

    private static int? Length(JsonElement field) =>
        field.TryGetProperty("length", out var length) && length.ValueKind == JsonValueKind.Number && length.TryGetInt32(out var value) && value > 0
            ? value
            : null;
}
