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
    /// The column text: one object of the values' JSON texts as they are (each was written when checked, so none is
    /// parsed again here). API names are letters, digits and underscores, which JSON takes as they are; any other name
    /// goes through the JSON writer.
    /// </summary>
    public static string? Write(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var length = 1;
        foreach (var (key, value) in values)
        {
            if (!IsPlainName(key))
            {
                return WriteEscaped(values);
            }

            length += key.Length + value.Length + 4; // "key":value,
        }

        return string.Create(length, values, static (span, values) =>
        {
            span[0] = '{';
            var at = 1;
            foreach (var (key, value) in values)
            {
                if (at > 1)
                {
                    span[at++] = ',';
                }

                span[at++] = '"';
                key.CopyTo(span[at..]);
                at += key.Length;
                span[at++] = '"';
                span[at++] = ':';
                value.CopyTo(span[at..]);
                at += value.Length;
            }

            span[at] = '}';
        });
    }

    private static bool IsPlainName(string name) => name.Length > 0 && name.AsSpan().IndexOfAnyExcept(PlainNameCharacters) < 0;

    private static readonly SearchValues<char> PlainNameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static string WriteEscaped(IReadOnlyDictionary<string, string> values)
    {
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
