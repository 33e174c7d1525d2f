using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>Zoho's JSON shapes (§2, §3): records, write items, and the request-level error envelope.</summary>
internal sealed class SandboxJson(SandboxClock clock, Microsoft.Extensions.Options.IOptions<ZohoSandboxOptions> options, SandboxFieldCatalog fieldCatalog)
{
    /// <summary>The sandbox user's id (record owner, creator and modifier).</summary>
    public const string UserId = "5725767000000411001";

    public const string ContentType = "application/json;charset=UTF-8";

    /// <summary>How every answer is written: non-ASCII text as it is, as Zoho sends it.</summary>
    private static readonly JsonWriterOptions OutputWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Send(JsonNode body, int status)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Send(writer => body.WriteTo(writer), status);
    }

    /// <summary>A request-level error (§3): <c>{"code","details","message","status":"error"}</c>.</summary>
    public static IResult Error(int status, string code, string message, JsonObject? details = null) =>
        Send(new JsonObject { ["code"] = code, ["details"] = details ?? [], ["message"] = message, ["status"] = "error" }, status);

    public static IResult MissingParam(string name) =>
        Error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", new JsonObject { ["param_name"] = name });

    public static IResult InvalidParam(string name, string message) =>
        Error(400, "INVALID_DATA", message, new JsonObject { ["param_name"] = name });

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A lead with the requested fields (all when <paramref name="fields"/> is null), extra fields included as the field
    /// metadata has them now (a deleted field is not returned); <c>id</c> always; nulls kept. Written by
    /// <see cref="WriteRecord"/>, the one shape of a record.
    /// </summary>
    public JsonObject Record(SandboxLead lead, IReadOnlyCollection<string>? fields = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, OutputWriter))
        {
            WriteRecord(writer, lead, fields);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>
    /// Writes a lead as <see cref="Record"/> describes, straight to <paramref name="writer"/>: a list page of 200 leads
    /// with tens of extra fields each is written without a node per value (each extra value is its stored JSON text).
    /// </summary>
    public void WriteRecord(Utf8JsonWriter writer, SandboxLead lead, IReadOnlyCollection<string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lead);
        writer.WriteStartObject();
        foreach (var field in SandboxLeadFields.All)
        {
            if (fields is null || fields.Contains(field))
            {
                writer.WritePropertyName(field);
                WriteField(writer, lead, field);
            }
        }

        foreach (var extra in fieldCatalog.Extras)
        {
            if (fields is null || fields.Contains(extra.ApiName))
            {
                writer.WritePropertyName(extra.ApiName);
                if (lead.ExtraValue(extra.ApiName) is { } json)
                {
                    writer.WriteRawValue(json);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }

        writer.WriteString("id", Id(lead.Id));
        writer.WriteEndObject();
    }

    /// <summary>The answer <paramref name="body"/> wrote to a writer of the sandbox's output settings.</summary>
    public static IResult Send(Action<Utf8JsonWriter> body, int status)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = new SandboxJsonResult(status, ContentType);
        using (var writer = new Utf8JsonWriter(result.Body, OutputWriter))
        {
            body(writer);
        }

        return result;
    }

    /// <summary>A write's per-record items: <c>{"data":[…]}</c>.</summary>
    public JsonObject WriteItems(IReadOnlyList<SandboxWriteItem> items, bool upsert)
    {
        ArgumentNullException.ThrowIfNull(items);
        var data = new JsonArray();
        foreach (var item in items)
        {
            data.Add(item.Error is { } error ? ErrorItem(error) : SuccessItem(item, upsert));
        }

        return new JsonObject { ["data"] = data };
    }

    /// <summary>201/200 when all succeeded, 207 when mixed, 400 when all failed (§2.4, §3).</summary>
    public static int WriteStatus(IReadOnlyList<SandboxWriteItem> items, int allOk)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ok = items.Count(i => i.Succeeded);
        return ok == items.Count ? allOk : ok == 0 ? 400 : 207;
    }

    public static JsonObject ErrorItem(SandboxRecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var details = new JsonObject();
        if (error.ExpectedDataType is not null)
        {
            details["expected_data_type"] = error.ExpectedDataType;
        }

        if (error.MaximumLength is { } max)
        {
            details["maximum_length"] = max;
        }

        if (error.ApiName is not null)
        {
            details["api_name"] = error.ApiName;
        }

        if (error.JsonPath is not null)
        {
            details["json_path"] = error.JsonPath;
        }

        if (error.ResourcePathIndex is { } index)
        {
            details["resource_path_index"] = index;
        }

        if (error.Id is not null)
        {
            details["id"] = error.Id;
        }

        return new JsonObject { ["code"] = error.Code, ["details"] = details, ["message"] = error.Message, ["status"] = "error" };
    }

    public JsonObject User(bool withEmail) => withEmail
        ? new JsonObject { ["name"] = options.Value.UserName, ["id"] = UserId, ["email"] = options.Value.UserEmail }
        : new JsonObject { ["name"] = options.Value.UserName, ["id"] = UserId };

    private JsonObject SuccessItem(SandboxWriteItem item, bool upsert)
    {
        if (item.DeletedId is { } deletedId)
        {
            return new JsonObject
            {
                ["code"] = "SUCCESS", ["details"] = new JsonObject { ["id"] = Id(deletedId) }, ["message"] = "record deleted", ["status"] = "success",
            };
        }

        var lead = item.Lead!;
        var details = new JsonObject
        {
            ["Modified_Time"] = clock.Format(lead.ModifiedTime),
            ["Modified_By"] = User(withEmail: false),
            ["Created_Time"] = clock.Format(lead.CreatedTime),
            ["id"] = Id(lead.Id),
            ["Created_By"] = User(withEmail: false),
        };
        var inserted = item.Action == "insert";
        if (inserted)
        {
            details["$approval_state"] = "approved";
        }

        var result = new JsonObject { ["code"] = "SUCCESS" };
        if (upsert)
        {
            result["duplicate_field"] = item.DuplicateField;
            result["action"] = item.Action;
        }

        result["details"] = details;
        result["message"] = inserted ? "record added" : "record updated";
        result["status"] = "success";
        return result;
    }

    private void WriteField(Utf8JsonWriter writer, SandboxLead lead, string field)
    {
        if (field == SandboxLeadFields.Owner || field == SandboxLeadFields.CreatedBy || field == SandboxLeadFields.ModifiedBy)
        {
            User(withEmail: field == SandboxLeadFields.Owner).WriteTo(writer);
            return;
        }

        var text = field switch
        {
            SandboxLeadFields.FullName => lead.FullName,
            SandboxLeadFields.CreatedTime => clock.Format(lead.CreatedTime),
            SandboxLeadFields.ModifiedTime => clock.Format(lead.ModifiedTime),
            _ => SandboxLeadValidator.ValueOf(lead, field),
        };
        if (text is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
