using System.Text.Json;
using System.Text.Json.Serialization;
using LeadSync.Core.Data;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Writes <see cref="LeadFieldValues"/> as one JSON object of typed values (<c>{"Industry":"Retail","Annual_Revenue":
/// 250000,"Email_Opt_Out":true,"Interests":["A","B"]}</c>) — the shape of the lead's column, the agreed snapshot and
/// the REST API — and reads it back. Read straight from the reader (no document per lead): every lead a sync page loads
/// or saves passes through here, twice with its agreed snapshot.
/// </summary>
public sealed class LeadFieldValuesJsonConverter : JsonConverter<LeadFieldValues>
{
    public override bool HandleNull => true;

    public override LeadFieldValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValues(ref reader);

    /// <summary>Reads the object the reader stands on (null: none).</summary>
    public static LeadFieldValues ReadValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return LeadFieldValues.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Extra field values must be a JSON object.");
        }

        var entries = new List<KeyValuePair<string, FieldValue?>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            entries.Add(new(name, FieldValue.Read(ref reader)));
        }

        return LeadFieldValues.FromList(entries);
    }

    public override void Write(Utf8JsonWriter writer, LeadFieldValues value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        WriteValues(writer, value);
    }

    /// <summary>Writes the values as one JSON object.</summary>
    public static void WriteValues(Utf8JsonWriter writer, LeadFieldValues value)
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
    public static string Serialize(LeadFieldValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return JsonColumnText.Write(64 + (values.Count * 32), values, WriteValues);
    }

    /// <summary>Values from the column text (null or empty: none).</summary>
    public static LeadFieldValues Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? LeadFieldValues.Empty : JsonColumnText.Read(json, 0, static (ref Utf8JsonReader reader, int _) => ReadValues(ref reader));
}
