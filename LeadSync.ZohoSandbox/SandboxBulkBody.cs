using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Reading a Bulk job's JSON body (§6): the body itself, its <c>callback</c> (checked against
/// <see cref="SandboxBulkCallbackTargets"/>), and Zoho-shaped refusals that name the field by JSON path.
/// </summary>
internal static class SandboxBulkBody
{
    public static async Task<(JsonObject? Root, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) is JsonObject root
                ? (root, null)
                : (null, SandboxJson.Error(400, "INVALID_DATA", "the request body must be a JSON object", new JsonObject { ["param_name"] = "body" }));
        }
        catch (JsonException)
        {
            return (null, SandboxJson.Error(400, "INVALID_DATA", "the request body is not valid JSON", new JsonObject { ["param_name"] = "body" }));
        }
    }

    /// <summary>A refusal naming the field: <c>details.api_name</c> and <c>details.json_path</c>.</summary>
    public static IResult Invalid(string code, string message, string apiName, string jsonPath) =>
        SandboxJson.Error(400, code, message, new JsonObject { ["api_name"] = apiName, ["json_path"] = jsonPath });

    public static IResult Missing(string apiName, string jsonPath) =>
        Invalid("REQUIRED_PARAM_MISSING", $"{jsonPath} is required", apiName, jsonPath);

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The optional <c>callback</c>: <c>url</c> (http or https, on loopback or this app's own origin) and <c>method</c> <c>post</c>.</summary>
    public static (string? Url, IResult? Error) ReadCallback(JsonObject root, SandboxBulkCallbackTargets targets)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(targets);
        if (root["callback"] is null)
        {
            return (null, null);
        }

        if (root["callback"] is not JsonObject callback || Text(callback["url"]) is not { Length: > 0 } url)
        {
            return (null, Missing("url", "$.callback.url"));
        }

        if (!string.Equals(Text(callback["method"]) ?? "post", "post", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Invalid("INVALID_DATA", "callback.method must be 'post'", "method", "$.callback.method"));
        }

        return targets.IsAllowed(url)
            ? (url, null)
            : (null, Invalid("INVALID_DATA",
                "callback.url must be an http or https URL on this machine (loopback) or on this app's own address: the sandbox calls nothing else",
                "url", "$.callback.url"));
    }
}
