using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>How a lead's extra field values are kept in the sandbox file's <c>extra_json</c> column: one JSON object.</summary>
internal static class SandboxExtraValues
{
    public static IReadOnlyDictionary<string, string>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject values)
        {
            return null;
        }

        return values.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToJsonString(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The column text: one object of the values' JSON texts as they are (each was written by
    /// <see cref="System.Text.Json.Nodes.JsonNode.ToJsonString"/> when checked, so none is parsed again here).
    /// </summary>
    public static string? Write(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64 + (values.Count * 48));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in values)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
