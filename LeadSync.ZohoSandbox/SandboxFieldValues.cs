using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Checks one extra field's value against the field's metadata as Zoho does (docs/zoho §2.12, §3): the JSON type per
/// kind, the length of text, a picklist value the field offers, a date as <c>yyyy-MM-dd</c>, a date-time with its
/// offset. A broken rule is <c>INVALID_DATA</c> with <c>api_name</c> and <c>expected_data_type</c> or
/// <c>maximum_length</c>. The value is kept as its JSON text; a JSON null or empty string clears the field.
/// </summary>
internal static class SandboxFieldValues
{
    /// <summary>Zoho's date-time input: ISO 8601 to the second with the offset (or Z).</summary>
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public static (string? Json, SandboxRecordError? Error) Check(ZohoFieldDefinition field, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
        {
            return (null, null);
        }

        var ok = field.Type switch
        {
            ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Phone or ZohoFieldType.Website => Text(value) is not null,
            ZohoFieldType.Email => Text(value) is { } email && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.Contains(' ', StringComparison.Ordinal),
            ZohoFieldType.Picklist => Text(value) is { } choice && field.PicklistValues.Contains(choice, StringComparer.Ordinal),
            ZohoFieldType.MultiSelectPicklist => value is JsonArray items && items.All(i => Text(i) is { } item && field.PicklistValues.Contains(item, StringComparer.Ordinal)),
            ZohoFieldType.WholeNumber => Number(value) is { } n && n == Math.Floor(n) && Math.Abs(n) <= int.MaxValue,
            ZohoFieldType.BigWholeNumber => value is JsonValue big && (big.TryGetValue<long>(out _) || (big.TryGetValue<string>(out var digits) && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))),
            ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => Number(value) is not null,
            ZohoFieldType.Date => Text(value) is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ZohoFieldType.DateTime => Text(value) is { } time && DateTimeOffset.TryParseExact(time, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ZohoFieldType.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
        if (!ok)
        {
            return (null, SandboxRecordError.WrongType(field.ApiName, field.DataType));
        }

        return TooLong(field, value) ? (null, SandboxRecordError.TooLong(field.ApiName, field.MaxLength!.Value)) : (value.ToJsonString(), null);
    }

    private static bool TooLong(ZohoFieldDefinition field, JsonNode value) =>
        field.MaxLength is { } max && field.Type switch
        {
            ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Email or ZohoFieldType.Phone or ZohoFieldType.Website => Text(value)!.Length > max,
            ZohoFieldType.WholeNumber or ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent =>
                Math.Floor(Math.Abs(Number(value)!.Value)).ToString("F0", CultureInfo.InvariantCulture).Length > max,
            _ => false,
        };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode node) =>
        node is JsonValue v && node.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;
}
