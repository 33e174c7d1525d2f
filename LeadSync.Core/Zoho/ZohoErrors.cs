using System.Net;
using System.Text.Json;

namespace LeadSync.Core.Zoho;

/// <summary>Turns Zoho's request-level answers (§3) into <see cref="ZohoApiException"/> with the right <see cref="ZohoFailureKind"/>.</summary>
internal static class ZohoErrors
{
    public const string InvalidToken = "INVALID_TOKEN";

    /// <summary>
    /// The request-level error in this answer, or null when it is a success (or, with <paramref name="recordLevel"/>,
    /// a write answer whose outcomes are per record in <c>data[]</c>, even under 400, or 412 when every record of a
    /// conditional update was modified meanwhile).
    /// </summary>
    public static ZohoApiException? RequestError(ZohoResponse response, bool recordLevel)
    {
        var status = response.HttpStatus;
        JsonElement root = default;
        var parsed = !response.IsEmpty && response.TryGetJson(out root);
        if (recordLevel && parsed && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Array && status is 200 or 201 or 202 or 207 or 400 or 412)
        {
            return null;
        }

        var envelope = parsed && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            && (!root.TryGetProperty("status", out var st) || st.ValueKind != JsonValueKind.String || st.GetString() == "error")
            ? ParseError(root)
            : null;

        if (status is >= 200 and < 300 or 304)
        {
            // A request-level error envelope under a 2xx status is still an error.
            return envelope is null || root.TryGetProperty("data", out _) ? null : Create(envelope, status);
        }

        return Create(envelope ?? new ZohoRecordError(StatusCode(status), $"Zoho answered HTTP {status}"), status);
    }

    public static ZohoApiException Create(ZohoRecordError error, int status) => new(Classify(error.Code, status), error, (HttpStatusCode)status);

    public static ZohoFailureKind Classify(string code, int status) => code switch
    {
        "OAUTH_SCOPE_MISMATCH" => ZohoFailureKind.ScopeMismatch,
        "PAGINATION_LIMIT_EXCEEDED" => ZohoFailureKind.PaginationLimit,
        _ when status is 429 or >= 500 => ZohoFailureKind.Transient,
        _ => ZohoFailureKind.Permanent,
    };

    public static bool IsInvalidToken(ZohoResponse response) =>
        response.HttpStatus == 401 && response.TryGetJson(out var root) && root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == InvalidToken;

    /// <summary>Zoho's <c>{code, message, details}</c> (top level or a <c>data[]</c> item), v2 and v3+ shapes (§3).</summary>
    public static ZohoRecordError ParseError(JsonElement item)
    {
        var code = ZohoJson.String(item, "code") ?? "UNKNOWN_ERROR";
        var message = ZohoJson.String(item, "message") ?? code;
        string? apiName = null, jsonPath = null, existingId = null;
        if (item.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            var source = details;
            if (code == "MULTIPLE_OR_MULTI_ERRORS" && details.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].TryGetProperty("details", out var first) && first.ValueKind == JsonValueKind.Object)
            {
                source = first;
            }

            apiName = ZohoJson.String(source, "api_name");
            jsonPath = ZohoJson.String(source, "json_path");
            existingId = source.TryGetProperty("duplicate_record", out var duplicate) && duplicate.ValueKind == JsonValueKind.Object
                ? ZohoJson.Id(duplicate, "id")
                : ZohoJson.Id(source, "id");
        }

        return new ZohoRecordError(code, message, apiName, jsonPath, existingId);
    }

    private static string StatusCode(int status) => status switch
    {
        429 => "TOO_MANY_REQUESTS",
        >= 500 => "INTERNAL_ERROR",
        _ => $"HTTP_{status}",
    };
}
