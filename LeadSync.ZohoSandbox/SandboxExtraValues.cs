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

    public static string? Write(IReadOnlyDictionary<string, string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = JsonNode.Parse(value);
        }

        return json.ToJsonString();
    }
}
