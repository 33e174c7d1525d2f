using System.Text.Json;
using System.Text.Json.Serialization;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Data.Configurations;

/// <summary>
/// The agreed snapshot's (and a create's first attempt's) column, read and written by hand in the shape the web defaults
/// gave it — <c>{"firstName":…,"lastName":…,"email":…,"phone":…,"status":…,"company":…,"extra":{…}}</c>, names read
/// in any letter case, unknown ones skipped — so rows stored before read the same. Every lead a sync page loads or
/// saves passes through here; the reflection serializer's constructor binding cost more than the values themselves.
/// </summary>
internal sealed class LeadFieldsJsonConverter : JsonConverter<LeadFields>
{
    public override LeadFields? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadFields(ref reader, leadExtra: null);

    /// <summary>
    /// Reads one set of values. A set written with its extra values left out as the lead's own (<c>"extraAsLead":true</c>,
    /// see <see cref="WriteFields"/>) takes <paramref name="leadExtra"/>; without it such a set is refused.
    /// </summary>
    public static LeadFields ReadFields(ref Utf8JsonReader reader, LeadFieldValues? leadExtra)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Lead values must be a JSON object.");
        }

        var core = new string?[6];
        var extra = LeadFieldValues.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!.ToLowerInvariant();
            reader.Read();
            var at = CoreIndex(name);
            if (at >= 0)
            {
                core[at] = Text(ref reader);
            }
            else if (name == "extra")
            {
                extra = LeadFieldValuesJsonConverter.ReadValues(ref reader);
            }
            else if (name == "extraaslead" && reader.TokenType == JsonTokenType.True)
            {
                extra = leadExtra ?? throw new JsonException("These lead values keep their extra values with the lead, and no lead was given.");
            }
            else
            {
                reader.Skip();
            }
        }

        return new LeadFields(core[0], core[1]!, core[2]!, core[3], core[4], core[5]) { Extra = extra };
    }

    private static int CoreIndex(string name) => name switch
    {
        "firstname" => 0,
        "lastname" => 1,
        "email" => 2,
        "phone" => 3,
        "status" => 4,
        "company" => 5,
        _ => -1,
    };

    public override void Write(Utf8JsonWriter writer, LeadFields value, JsonSerializerOptions options) => WriteFields(writer, value, extraAsLead: false);

    /// <summary>
    /// Writes one set of values; with <paramref name="extraAsLead"/> its extra values are left out and marked as the
    /// lead's own (<c>"extraAsLead":true</c>) — only for the agreed snapshot, stored beside the lead's values.
    /// </summary>
    public static void WriteFields(Utf8JsonWriter writer, LeadFields value, bool extraAsLead)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("firstName"u8, value.FirstName);
        writer.WriteString("lastName"u8, value.LastName);
        writer.WriteString("email"u8, value.Email);
        writer.WriteString("phone"u8, value.Phone);
        writer.WriteString("status"u8, value.Status);
        writer.WriteString("company"u8, value.Company);
        if (extraAsLead)
        {
            writer.WriteBoolean("extraAsLead"u8, true);
        }
        else
        {
            writer.WritePropertyName("extra"u8);
            LeadFieldValuesJsonConverter.WriteValues(writer, value.Extra ?? LeadFieldValues.Empty);
        }

        writer.WriteEndObject();
    }

    private static string? Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Null)
        {
            return reader.GetString();
        }

        throw new JsonException($"Lead values hold text, not {reader.TokenType}.");
    }
}
