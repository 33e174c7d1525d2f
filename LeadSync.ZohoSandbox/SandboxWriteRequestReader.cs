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
        JsonDocument body;
        try
        {
            // A document, not a node tree: its values are read in place (the extra fields' values are checked straight
            // from it), and its buffers go back to the pool when the request is disposed.
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, SandboxJson.Error(400, "INVALID_DATA", "the request body is not valid JSON", new JsonObject { ["param_name"] = "body" }));
        }

        var (read, error) = Read(body.RootElement);
        if (read is null)
        {
            body.Dispose();
            return (null, error);
        }

        return (read with { Body = body }, null);
    }

    private static (SandboxWriteRequest? Request, IResult? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || data.GetArrayLength() == 0)
        {
            return (null, SandboxJson.MissingParam("data"));
        }

        if (data.GetArrayLength() > MaxRecords)
        {
            return (null, SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {MaxRecords} records can be written in one call",
                new JsonObject { ["api_name"] = "data", ["limit"] = MaxRecords }));
        }

        var records = new List<SandboxLeadPatch>(data.GetArrayLength());
        foreach (var record in data.EnumerateArray())
        {
            records.Add(ReadRecord(record, records.Count));
        }

        var (duplicateCheck, invalid) = ReadDuplicateCheckFields(root);
        return invalid is not null ? (null, invalid) : (new SandboxWriteRequest(records, RunsWorkflows(root), duplicateCheck!), null);
    }

    /// <summary><c>trigger</c>: workflows run unless it is given without <c>workflow</c>.</summary>
    private static bool RunsWorkflows(JsonElement root) =>
        !root.TryGetProperty("trigger", out var trigger) || trigger.ValueKind != JsonValueKind.Array
        || trigger.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && string.Equals(t.GetString(), "workflow", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>duplicate_check_fields</c> (upsert): Email, the Leads system duplicate-check field, is the only one allowed and the default.</summary>
    private static (IReadOnlyList<string>? Fields, IResult? Error) ReadDuplicateCheckFields(JsonElement root)
    {
        if (!root.TryGetProperty("duplicate_check_fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            return ([SandboxLeadFields.Email], null);
        }

        var names = fields.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString() : null).ToList();
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
    private static SandboxLeadPatch ReadRecord(JsonElement record, int index)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (record.ValueKind != JsonValueKind.Object)
        {
            return new SandboxLeadPatch(values) { ReadError = new SandboxRecordError("INVALID_DATA", "invalid data") { JsonPath = $"$.data[{index}]" } };
        }

        var extras = new Dictionary<string, JsonElement>(record.GetPropertyCount(), StringComparer.Ordinal);
        string? id = null;
        SandboxRecordError? error = null;
        foreach (var property in record.EnumerateObject())
        {
            var (key, value) = (property.Name, property.Value);
            if (key == SandboxLeadFields.Id)
            {
                id = ReadId(value);
                if (id is null && value.ValueKind != JsonValueKind.Null)
                {
                    error ??= SandboxRecordError.InvalidId();
                }
            }
            else if (!SandboxLeadFields.Writable.ContainsKey(key))
            {
                // Checked against the field metadata when the lead is built (unknown and read-only ignored).
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

    /// <summary>An id given as a JSON string or a whole number; null otherwise.</summary>
    private static string? ReadId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A field's value: a JSON null, or a string (empty meaning null); false for any other JSON type.</summary>
    private static bool TryReadText(JsonElement value, out string? text)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            text = s.Length == 0 ? null : s;
            return true;
        }

        return false;
    }
}
