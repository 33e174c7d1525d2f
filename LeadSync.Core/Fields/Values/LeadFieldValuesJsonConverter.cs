using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Writes <see cref="LeadFieldValues"/> as one JSON object of typed values (<c>{"Industry":"Retail","Annual_Revenue":
/// 250000,"Email_Opt_Out":true,"Interests":["A","B"]}</c>) — the shape of the lead's column, the agreed snapshot and
/// the REST API — and reads it back.
/// </summary>
public sealed class LeadFieldValuesJsonConverter : JsonConverter<LeadFieldValues>
{
    public override LeadFieldValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return LeadFieldValues.Empty;
        }

        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Extra field values must be a JSON object.");
        }

        return LeadFieldValues.From(document.RootElement.EnumerateObject()
            .Select(p => new KeyValuePair<string, FieldValue?>(p.Name, FieldValue.FromJson(p.Value))));
    }

    public override void Write(Utf8JsonWriter writer, LeadFieldValues value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, field) in value.Entries)
        {
            writer.WritePropertyName(name);
            field.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>The column text of a set of values.</summary>
    public static string Serialize(LeadFieldValues values) => JsonSerializer.Serialize(values);

    /// <summary>Values from the column text (null or empty: none).</summary>
    public static LeadFieldValues Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? LeadFieldValues.Empty : JsonSerializer.Deserialize<LeadFieldValues>(json) ?? LeadFieldValues.Empty;
}
