using System.Globalization;
using System.Text.Json;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Turns input into typed values per Zoho's kind of field (reference §2.11) and back into text for editing: the one
/// place that knows a Currency is a number, a Date is <c>yyyy-MM-dd</c>, a date-time carries an offset and is kept in
/// UTC, a multi-select is a list. Used for the console's editors, the REST API's <c>fields</c>, CSV and Zoho's records.
/// A value that cannot be read as its kind gives a <see cref="FieldValueParse"/> with the reason; range, length and
/// picklist rules are <see cref="FieldValueRules"/>'.
/// </summary>
public static class FieldValueCodec
{
    public const string DatePattern = "yyyy-MM-dd";
    public const string DateTimePattern = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>Reads a person's text (an editor, a CSV cell, a JSON string): blank is no value.</summary>
    public static FieldValueParse FromText(ZohoFieldDefinition field, string? text)
    {
        ArgumentNullException.ThrowIfNull(field);
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return FieldValueParse.None;
        }

        return field.Type switch
        {
            ZohoFieldType.MultiSelectPicklist => FieldValueParse.Of(FieldValue.List(trimmed.Split(';'))),
            ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber => WholeNumber(trimmed),
            ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => DecimalNumber(trimmed),
            ZohoFieldType.Boolean => Boolean(trimmed),
            ZohoFieldType.Date => Date(trimmed),
            ZohoFieldType.DateTime => DateTime(trimmed),
            ZohoFieldType.TextArea => FieldValueParse.Of(FieldValue.Text(text!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())),
            _ => FieldValueParse.Of(FieldValue.Text(trimmed)),
        };
    }

    /// <summary>Reads typed JSON (the REST API's <c>fields</c>, a Zoho record): strings go through <see cref="FromText"/>.</summary>
    public static FieldValueParse FromJson(ZohoFieldDefinition field, JsonElement json)
    {
        ArgumentNullException.ThrowIfNull(field);
        return json.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => FieldValueParse.None,
            JsonValueKind.String => FromText(field, json.GetString()),
            _ => Coerce(field, FieldValue.FromJson(json)),
        };
    }

    /// <summary>
    /// A value read without metadata (a Zoho record, a stored column) in the field's canonical shape: a number given as
    /// text becomes a number, a date-time is moved to UTC, one text becomes a one-item list. Refused when it cannot be.
    /// </summary>
    public static FieldValueParse Coerce(ZohoFieldDefinition field, FieldValue? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null)
        {
            return FieldValueParse.None;
        }

        var wanted = KindOf(field.Type);
        if (value.Kind == wanted && IsCanonical(field.Type, value))
        {
            return FieldValueParse.Of(value); // already in the field's shape: the common case of a pull
        }

        return value.Kind switch
        {
            FieldValueKind.Text => FromText(field, value.AsText),
            _ when value.Kind == wanted => FieldValueParse.Of(value),
            FieldValueKind.Number when wanted == FieldValueKind.Text => FromText(field, value.Display),
            _ => FieldValueParse.Fail($"must be {Expected(field.Type)}"),
        };
    }

    /// <summary>True when a value of the field's JSON shape needs no change to be in its canonical form.</summary>
    private static bool IsCanonical(ZohoFieldType type, FieldValue value)
    {
        if (value.Kind != FieldValueKind.Text)
        {
            return true;
        }

        var text = value.AsText!;
        return type switch
        {
            ZohoFieldType.Date => text.Length == 10 && value.AsDate is not null,
            ZohoFieldType.DateTime => text.Length == 25 && text.EndsWith("+00:00", StringComparison.Ordinal) && value.AsDateTime is not null,
            ZohoFieldType.TextArea => false,
            _ => text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]),
        };
    }

    /// <summary>The text an editor shows for a value: numbers invariant, <c>true</c>/<c>false</c>, lists joined by <c>; </c>.</summary>
    public static string ToText(FieldValue? value) => value?.Kind switch
    {
        null => string.Empty,
        FieldValueKind.Boolean => value.AsBoolean == true ? "true" : "false",
        _ => value.Display,
    };

    /// <summary>The JSON shape a value of this kind of field takes.</summary>
    public static FieldValueKind KindOf(ZohoFieldType type) => type switch
    {
        ZohoFieldType.MultiSelectPicklist => FieldValueKind.List,
        ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber or ZohoFieldType.DecimalNumber
            or ZohoFieldType.Currency or ZohoFieldType.Percent => FieldValueKind.Number,
        ZohoFieldType.Boolean => FieldValueKind.Boolean,
        _ => FieldValueKind.Text,
    };

    /// <summary>What a value of this kind must be, in words ("must be …").</summary>
    public static string Expected(ZohoFieldType type) => type switch
    {
        ZohoFieldType.MultiSelectPicklist => "a list of values",
        ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber => "a whole number",
        ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => "a number (a dot before any decimals)",
        ZohoFieldType.Boolean => "true or false",
        ZohoFieldType.Date => "a date as yyyy-MM-dd",
        ZohoFieldType.DateTime => "a date-time with an offset, as yyyy-MM-ddTHH:mm:ss+00:00",
        _ => "text",
    };

    private static FieldValueParse WholeNumber(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? FieldValueParse.Of(FieldValue.Number(whole))
            : FieldValueParse.Fail("must be a whole number");

    private static FieldValueParse DecimalNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? FieldValueParse.Of(FieldValue.Number(number))
            : FieldValueParse.Fail("must be a number (a dot before any decimals)");

    private static FieldValueParse Boolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => FieldValueParse.Of(FieldValue.Boolean(true)),
        "false" or "no" or "0" => FieldValueParse.Of(FieldValue.Boolean(false)),
        _ => FieldValueParse.Fail("must be true or false"),
    };

    private static FieldValueParse Date(string text) =>
        DateOnly.TryParseExact(text, DatePattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? FieldValueParse.Of(FieldValue.Text(date.ToString(DatePattern, CultureInfo.InvariantCulture)))
            : FieldValueParse.Fail("must be a date as yyyy-MM-dd");

    private static FieldValueParse DateTime(string text)
    {
        // An offset is required (a time without one is ambiguous); Z is accepted; seconds are whole, as Zoho keeps them.
        var hasOffset = text.Length > 10 && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return FieldValueParse.Fail("must be a date-time with an offset, as yyyy-MM-ddTHH:mm:ss+00:00");
        }

        var utc = time.ToUniversalTime();
        var whole = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return FieldValueParse.Of(FieldValue.Text(whole.ToString(DateTimePattern, CultureInfo.InvariantCulture)));
    }
}
