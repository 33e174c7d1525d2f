using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// One value of a mapped extra field, typed as it is stored in the lead's JSON column and sent to Zoho: text (also dates
/// and date-times in canonical form), a number (whole or decimal, kept as <see cref="decimal"/>), a boolean, or a list of
/// strings (multi-select). Immutable with value equality; a list equals another with the same values in any order
/// (Zoho may return a multi-select's values in its own order). "No value" is no <see cref="FieldValue"/> at all.
/// </summary>
public sealed class FieldValue : IEquatable<FieldValue>
{
    private readonly string? text;
    private readonly decimal number;
    private readonly bool flag;
    private readonly ImmutableArray<string> items;

    private FieldValue(FieldValueKind kind, string? text, decimal number, bool flag, ImmutableArray<string> items)
    {
        Kind = kind;
        this.text = text;
        this.number = number;
        this.flag = flag;
        this.items = items.IsDefault ? [] : items;
    }

    public FieldValueKind Kind { get; }

    public static FieldValue Text(string value) => new(FieldValueKind.Text, value ?? throw new ArgumentNullException(nameof(value)), 0, false, []);

    /// <summary>A number without trailing zeros in its scale (1000.00 is stored and compared as 1000).</summary>
    public static FieldValue Number(decimal value) => new(FieldValueKind.Number, null, value / 1.000000000000000000000000000000000m, false, []);

    /// <summary>One of two shared values (immutable): a pulled page holds one per boolean field per record otherwise.</summary>
    public static FieldValue Boolean(bool value) => value ? True : False;

    private static readonly FieldValue True = new(FieldValueKind.Boolean, null, 0, true, []);

    private static readonly FieldValue False = new(FieldValueKind.Boolean, null, 0, false, []);

    /// <summary>A multi-select's values: trimmed, blanks dropped, each once, in the order given.</summary>
    public static FieldValue List(IEnumerable<string> values) =>
        new(FieldValueKind.List, null, 0, false, [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)]);

    public string? AsText => Kind == FieldValueKind.Text ? text : null;

    public decimal? AsNumber => Kind == FieldValueKind.Number ? number : null;

    public bool? AsBoolean => Kind == FieldValueKind.Boolean ? flag : null;

    /// <summary>A multi-select's values (empty for other kinds).</summary>
    public IReadOnlyList<string> AsList => items;

    /// <summary>A whole number that fits a <see cref="long"/>, else null.</summary>
    public long? AsLong => Kind == FieldValueKind.Number && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue ? (long)number : null;

    /// <summary>A date in canonical form (<c>yyyy-MM-dd</c>), else null.</summary>
    public DateOnly? AsDate =>
        DateOnly.TryParseExact(text, FieldValueCodec.DatePattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A date-time with an offset (<c>yyyy-MM-ddTHH:mm:ss±HH:mm</c>), else null.</summary>
    public DateTimeOffset? AsDateTime =>
        DateTimeOffset.TryParseExact(text, FieldValueCodec.DateTimePattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>How a person reads the value in history lines and conflicts: <c>Yes</c>/<c>No</c>, lists joined by <c>; </c>.</summary>
    public string Display => Kind switch
    {
        FieldValueKind.Number => number.ToString(CultureInfo.InvariantCulture),
        FieldValueKind.Boolean => flag ? "Yes" : "No",
        FieldValueKind.List => string.Join("; ", items),
        _ => text!,
    };

    /// <summary>The value as typed JSON (string, number, true/false, array of strings).</summary>
    public JsonNode ToJson() => Kind switch
    {
        FieldValueKind.Number => AsLong is { } whole ? JsonValue.Create(whole) : JsonValue.Create(number),
        FieldValueKind.Boolean => JsonValue.Create(flag),
        FieldValueKind.List => new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]),
        _ => JsonValue.Create(text!),
    };

    /// <summary>Writes the value as typed JSON (the column's and Zoho's shape).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case FieldValueKind.Number:
                writer.WriteNumberValue(number);
                break;
            case FieldValueKind.Boolean:
                writer.WriteBooleanValue(flag);
                break;
            case FieldValueKind.List:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(text);
                break;
        }
    }

    /// <summary>
    /// Reads typed JSON without metadata: a string, number, boolean or array of strings; Zoho's lookup object
    /// (<c>{"name": …, "id": …}</c>) by its name. Null, empty strings, empty arrays and other shapes give null.
    /// </summary>
    public static FieldValue? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() is { Length: > 0 } s ? Text(s) : null,
        JsonValueKind.Number => element.TryGetDecimal(out var d) ? Number(d) : null,
        JsonValueKind.True => Boolean(true),
        JsonValueKind.False => Boolean(false),
        JsonValueKind.Array => ListOrNull([.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]),
        JsonValueKind.Object => element.TryGetProperty("name", out var name) ? FromJson(name) : null,
        _ => null,
    };

    /// <summary>
    /// <see cref="FromJson"/> straight from a reader standing on the value (left on its last token): the lead's column
    /// and the agreed snapshot are read this way, without a document per lead.
    /// </summary>
    public static FieldValue? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString() is { Length: > 0 } s ? Text(s) : null;
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var d) ? Number(d) : null;
            case JsonTokenType.True:
                return Boolean(true);
            case JsonTokenType.False:
                return Boolean(false);
            case JsonTokenType.StartArray:
                return ReadList(ref reader);
            case JsonTokenType.StartObject:
                return ReadLookup(ref reader);
            default:
                return null;
        }
    }

    private static FieldValue? ReadList(ref Utf8JsonReader reader)
    {
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                values.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }

        return ListOrNull([.. values]);
    }

    /// <summary>Zoho's lookup object by its <c>name</c>, as <see cref="FromJson"/> reads it.</summary>
    private static FieldValue? ReadLookup(ref Utf8JsonReader reader)
    {
        FieldValue? value = null;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = !found && reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName)
            {
                value = Read(ref reader);
                found = true;
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    /// <summary>The compact JSON text of a value (null for none): how a conflict or history row keeps an extra value.</summary>
    public static string? ToStoredText(FieldValue? value) => value?.ToJson().ToJsonString();

    /// <summary>Reads <see cref="ToStoredText"/>'s form back; text that is not JSON is taken as plain text.</summary>
    public static FieldValue? FromStoredText(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return Text(stored);
        }
    }

    /// <summary>How a stored value (<see cref="ToStoredText"/>) reads to a person; <c>∅</c> for none.</summary>
    public static string DisplayStored(string? stored) => FromStoredText(stored)?.Display ?? "∅";

    public bool Equals(FieldValue? other) =>
        other is not null && Kind == other.Kind && Kind switch
        {
            FieldValueKind.Number => number == other.number,
            FieldValueKind.Boolean => flag == other.flag,
            FieldValueKind.List => items.Length == other.items.Length && items.All(other.items.Contains),
            _ => string.Equals(text, other.text, StringComparison.Ordinal),
        };

    public override bool Equals(object? obj) => Equals(obj as FieldValue);

    public override int GetHashCode() => Kind switch
    {
        FieldValueKind.Number => HashCode.Combine(Kind, number),
        FieldValueKind.Boolean => HashCode.Combine(Kind, flag),
        FieldValueKind.List => HashCode.Combine(Kind, items.Length),
        _ => HashCode.Combine(Kind, text),
    };

    public override string ToString() => Display;

    private static FieldValue? ListOrNull(string[] values)
    {
        var list = List(values);
        return list.items.Length == 0 ? null : list;
    }
}
