using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
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

    /// <summary>One writer per thread for the values' JSON texts (a check runs on one thread from start to end).</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? textWriter;

    public static (string? Json, SandboxRecordError? Error) Check(ZohoFieldDefinition field, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || (value.ValueKind == JsonValueKind.String && value.ValueEquals(ReadOnlySpan<byte>.Empty)))
        {
            return (null, null);
        }

        var ok = field.Type switch
        {
            ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Phone or ZohoFieldType.Website => value.ValueKind == JsonValueKind.String,
            ZohoFieldType.Email => Text(value) is { } email && email.IndexOf('@', StringComparison.Ordinal) > 0 && !email.Contains(' ', StringComparison.Ordinal),
            ZohoFieldType.Picklist => Offered(field, value),
            ZohoFieldType.MultiSelectPicklist => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => Offered(field, item)),
            ZohoFieldType.WholeNumber => Number(value) is { } n && n == Math.Floor(n) && Math.Abs(n) <= int.MaxValue,
            ZohoFieldType.BigWholeNumber => (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _))
                || (Text(value) is { } digits && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)),
            ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => Number(value) is not null,
            ZohoFieldType.Date => Text(value) is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ZohoFieldType.DateTime => Text(value) is { } time && DateTimeOffset.TryParseExact(time, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            ZohoFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
        if (!ok)
        {
            return (null, SandboxRecordError.WrongType(field.ApiName, field.DataType));
        }

        return TooLong(field, value) ? (null, SandboxRecordError.TooLong(field.ApiName, field.MaxLength!.Value)) : (JsonText(value), null);
    }

    private static bool TooLong(ZohoFieldDefinition field, JsonElement value) =>
        field.MaxLength is { } max && field.Type switch
        {
            // The value's UTF-8 bytes as sent (quotes and escapes included) are never fewer than its UTF-16 characters:
            // it is decoded only when it might be too long.
            ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Email or ZohoFieldType.Phone or ZohoFieldType.Website =>
                JsonMarshal.GetRawUtf8Value(value).Length > max && value.GetString()!.Length > max,
            ZohoFieldType.WholeNumber or ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent =>
                Math.Floor(Math.Abs(Number(value)!.Value)).ToString("F0", CultureInfo.InvariantCulture).Length > max,
            _ => false,
        };

    /// <summary>A picklist value the field offers, compared without decoding the JSON string.</summary>
    private static bool Offered(ZohoFieldDefinition field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (var choice in field.PicklistValues)
        {
            if (value.ValueEquals(choice))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The value's JSON text as the sandbox keeps it: written again with the default encoder (non-ASCII and HTML-sensitive
    /// characters escaped), so the stored text does not depend on how the caller escaped it.
    /// </summary>
    private static string JsonText(JsonElement value)
    {
        var (buffer, writer) = textWriter ??= (new ArrayBufferWriter<byte>(256), new Utf8JsonWriter(Stream.Null));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        value.WriteTo(writer);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) ? d : null;
}
