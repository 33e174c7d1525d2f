using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>Reads a write body into <see cref="SandboxWriteRequest"/>, or the request-level error Zoho would answer.</summary>
internal static class SandboxWriteRequestReader
{
    public const int MaxRecords = 100;

    public static async Task<(SandboxWriteRequest? Request, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, SandboxJson.Error(400, "INVALID_DATA", "the request body is not valid JSON", new JsonObject { ["param_name"] = "body" }));
        }

        if (body is not JsonObject root || root["data"] is not JsonArray data || data.Count == 0)
        {
            return (null, SandboxJson.MissingParam("data"));
        }

        if (data.Count > MaxRecords)
        {
            return (null, SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {MaxRecords} records can be written in one call",
                new JsonObject { ["api_name"] = "data", ["limit"] = MaxRecords }));
        }

        var records = new List<SandboxLeadPatch>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            records.Add(ReadRecord(data[i], i));
        }

        var runWorkflows = root["trigger"] is not JsonArray trigger
            || trigger.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, "workflow", StringComparison.OrdinalIgnoreCase));
        IReadOnlyList<string> duplicateCheck = [SandboxLeadFields.Email];
        if (root["duplicate_check_fields"] is JsonArray fields)
        {
            var names = fields.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
            var unsupported = names.FirstOrDefault(n => n != SandboxLeadFields.Email);
            if (names.Count == 0 || unsupported is not null || names.Any(n => n is null))
            {
                return (null, SandboxJson.Error(400, "INVALID_DATA", "only Email (the Leads system duplicate-check field) can be used in duplicate_check_fields",
                    new JsonObject { ["api_name"] = unsupported ?? "duplicate_check_fields", ["json_path"] = "$.duplicate_check_fields" }));
            }

            duplicateCheck = names!;
        }

        return (new SandboxWriteRequest(records, runWorkflows, duplicateCheck), null);
    }

    private static SandboxLeadPatch ReadRecord(JsonNode? node, int index)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is not JsonObject record)
        {
            return new SandboxLeadPatch(values) { ReadError = new SandboxRecordError("INVALID_DATA", "invalid data") { JsonPath = $"$.data[{index}]" } };
        }

        string? id = null;
        SandboxRecordError? error = null;
        foreach (var (key, value) in record)
        {
            if (key == SandboxLeadFields.Id)
            {
                id = value is JsonValue v && (v.TryGetValue<string>(out var s) ? s : v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : null) is { } text
                    ? text
                    : null;
                if (id is null && value is not null)
                {
                    error ??= SandboxRecordError.InvalidId();
                }

                continue;
            }

            if (!SandboxLeadFields.Writable.ContainsKey(key))
            {
                continue; // Read-only and unknown fields are ignored, as Zoho does.
            }

            if (value is null)
            {
                values[key] = null;
            }
            else if (value is JsonValue text && text.TryGetValue<string>(out var s))
            {
                values[key] = s.Length == 0 ? null : s;
            }
            else
            {
                error ??= SandboxRecordError.WrongType(key, SandboxLeadFields.DataTypeOf(key));
            }
        }

        return new SandboxLeadPatch(values) { Id = id, ReadError = error };
    }
}
