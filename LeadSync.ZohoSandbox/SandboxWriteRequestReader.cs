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

        var (duplicateCheck, invalid) = ReadDuplicateCheckFields(root);
        return invalid is not null ? (null, invalid) : (new SandboxWriteRequest(records, RunsWorkflows(root), duplicateCheck!), null);
    }

    /// <summary><c>trigger</c>: workflows run unless it is given without <c>workflow</c>.</summary>
    private static bool RunsWorkflows(JsonObject root) =>
        root["trigger"] is not JsonArray trigger
        || trigger.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, "workflow", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>duplicate_check_fields</c> (upsert): Email, the Leads system duplicate-check field, is the only one allowed and the default.</summary>
    private static (IReadOnlyList<string>? Fields, IResult? Error) ReadDuplicateCheckFields(JsonObject root)
    {
        if (root["duplicate_check_fields"] is not JsonArray fields)
        {
            return ([SandboxLeadFields.Email], null);
        }

        var names = fields.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
        var unsupported = names.FirstOrDefault(n => n != SandboxLeadFields.Email);
        if (names.Count == 0 || unsupported is not null || names.Any(n => n is null))
        {
            return (null, SandboxJson.Error(400, "INVALID_DATA", "only Email (the Leads system duplicate-check field) can be used in duplicate_check_fields",
                new JsonObject { ["api_name"] = unsupported ?? "duplicate_check_fields", ["json_path"] = "$.duplicate_check_fields" }));
        }

        return (names!, null);
    }

    /// <summary>
    /// One record: its id, the core fields it sets (a JSON null or empty string clears one) and its other keys as JSON
    /// (<see cref="SandboxLeadPatch.Extras"/>); the first core value of the wrong type is the record's error.
    /// </summary>
    private static SandboxLeadPatch ReadRecord(JsonNode? node, int index)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is not JsonObject record)
        {
            return new SandboxLeadPatch(values) { ReadError = new SandboxRecordError("INVALID_DATA", "invalid data") { JsonPath = $"$.data[{index}]" } };
        }

        var extras = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        string? id = null;
        SandboxRecordError? error = null;
        foreach (var (key, value) in record)
        {
            if (key == SandboxLeadFields.Id)
            {
                id = ReadId(value);
                if (id is null && value is not null)
                {
                    error ??= SandboxRecordError.InvalidId();
                }
            }
            else if (!SandboxLeadFields.Writable.ContainsKey(key))
            {
                // Checked against the field metadata when the lead is built (unknown and read-only ignored); only read,
                // so the node stays in the request's tree rather than being copied.
                extras[key] = value;
            }
            else if (TryReadText(value, out var text))
            {
                values[key] = text;
            }
            else
            {
                error ??= SandboxRecordError.WrongType(key, SandboxLeadFields.DataTypeOf(key));
            }
        }

        return new SandboxLeadPatch(values) { Id = id, ReadError = error, Extras = extras };
    }

    /// <summary>An id given as a JSON string or number; null otherwise.</summary>
    private static string? ReadId(JsonNode? value) =>
        value is JsonValue v && (v.TryGetValue<string>(out var s) ? s : v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : null) is { } text
            ? text
            : null;

    /// <summary>A field's value: a JSON null, or a string (empty meaning null); false for any other JSON type.</summary>
    private static bool TryReadText(JsonNode? value, out string? text)
    {
        text = null;
        if (value is null)
        {
            return true;
        }

        if (value is JsonValue json && json.TryGetValue<string>(out var s))
        {
            text = s.Length == 0 ? null : s;
            return true;
        }

        return false;
    }
}
