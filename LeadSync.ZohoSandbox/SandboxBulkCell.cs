using System.Globalization;
using System.Text.Json;
using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// An extra field's Bulk Write cell as the JSON value the record API would have been sent (docs/zoho §6.2, §6.4), so
/// <see cref="SandboxFieldValues"/> checks it by the same rules: numbers in the invariant culture, booleans
/// <c>true</c>/<c>false</c> (any case), a multi-select's values joined by <c>;</c>, a date in the mapping's
/// <c>format</c> (<c>MM/dd/yyyy</c> without one), a date-time in ISO 8601 with its offset. A cell that does not read as
/// its type is passed on as text, which the check then refuses naming the field.
/// </summary>
internal static class SandboxBulkCell
{
    public const string DefaultDateFormat = "MM/dd/yyyy";

    /// <summary>A JSON null: what an empty cell sends when it clears the field.</summary>
    public static readonly JsonElement Null = JsonElement.Parse("null");

    public static JsonElement ToJson(ZohoFieldDefinition field, string cell, string? format)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(cell);
        return field.Type switch
        {
            ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber or ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent =>
                decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? JsonElement.Parse(number.ToString(CultureInfo.InvariantCulture)) : JsonSerializer.SerializeToElement(cell), // read as the record API reads JSON
            ZohoFieldType.Boolean => bool.TryParse(cell, out var flag) ? JsonSerializer.SerializeToElement(flag) : JsonSerializer.SerializeToElement(cell),
            ZohoFieldType.MultiSelectPicklist => JsonSerializer.SerializeToElement(cell.Split(';').Select(v => v.Trim()).ToArray()),
            ZohoFieldType.Date => JsonSerializer.SerializeToElement(Date(cell, format ?? DefaultDateFormat)),
            _ => JsonSerializer.SerializeToElement(cell),
        };
    }

    /// <summary>The date in Zoho's JSON form (<c>yyyy-MM-dd</c>), or the cell as it is when it is not in <paramref name="format"/>.</summary>
    private static string Date(string cell, string format) =>
        DateOnly.TryParseExact(cell, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : cell + " (not " + format + ")";
}
