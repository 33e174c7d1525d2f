using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Zoho's JSON shapes of the Bulk APIs (§6): a created job, a write job's details (top-level object), a read job's
/// details (inside <c>data</c>), and the callback body (the details plus <c>job_id</c>).
/// </summary>
internal sealed class SandboxBulkJson(SandboxClock clock, SandboxJson json, Microsoft.Extensions.Options.IOptions<ZohoSandboxOptions> options)
{
    /// <summary>The Leads module's id in the sandbox.</summary>
    public const string LeadsModuleId = "5725767000000002175";

    public string Now() => clock.Format(clock.Now());

    public DateTimeOffset NowValue() => clock.Now();

    public string Format(DateTimeOffset value) => clock.Format(value);

    /// <summary><c>POST /crm/bulk/v8/write</c>'s answer (§6.2).</summary>
    public JsonObject WriteCreated(SandboxBulkJob job) => new()
    {
        ["status"] = "success",
        ["code"] = "SUCCESS",
        ["message"] = "success",
        ["details"] = new JsonObject { ["id"] = SandboxJson.Id(job.Id), ["created_by"] = json.User(withEmail: false) },
    };

    /// <summary><c>POST /crm/bulk/v8/read</c>'s answer (§6.1).</summary>
    public JsonObject ReadCreated(SandboxBulkJob job) => new()
    {
        ["data"] = new JsonArray(new JsonObject
        {
            ["status"] = "success",
            ["code"] = "ADDED_SUCCESSFULLY",
            ["message"] = "Added successfully.",
            ["details"] = new JsonObject
            {
                ["id"] = SandboxJson.Id(job.Id), ["operation"] = "read", ["state"] = job.State,
                ["created_by"] = json.User(withEmail: false), ["created_time"] = Format(job.CreatedTime),
            },
        }),
        ["info"] = new JsonObject(),
    };

    /// <summary>
    /// A write job's details (§6.2): state, the resource with its file's counts, and the result once COMPLETED. The
    /// result's address is on <paramref name="apiBase"/> — the address the caller used — when there is a caller, so a
    /// job created before a restart on another port still names a result that can be downloaded; a callback (no caller)
    /// names the address the job was created on.
    /// </summary>
    public JsonObject WriteDetails(SandboxBulkJob job, string? apiBase = null)
    {
        var spec = job.Write!;
        var mappings = new JsonArray([.. spec.Mappings.Select(m => (JsonNode)new JsonObject { ["api_name"] = m.ApiName, ["index"] = m.Index })]);
        var resource = new JsonObject
        {
            ["status"] = job.State, ["type"] = "data",
            ["module"] = new JsonObject { ["api_name"] = "Leads", ["id"] = LeadsModuleId },
            ["field_mappings"] = mappings,
            ["file"] = new JsonObject
            {
                ["status"] = job.State, ["name"] = $"{SandboxJson.Id(spec.FileId)}.csv", ["added_count"] = job.Added,
                ["skipped_count"] = job.Skipped, ["updated_count"] = job.Updated, ["total_count"] = job.Total,
            },
        };
        if (spec.FindBy is not null)
        {
            resource["find_by"] = spec.FindBy;
        }

        var details = new JsonObject
        {
            ["status"] = job.State, ["character_encoding"] = "UTF-8", ["resource"] = new JsonArray(resource), ["id"] = SandboxJson.Id(job.Id),
        };
        AddOutcome(details, job, $"{apiBase ?? job.ApiBase}/crm/bulk/v8/write/{SandboxJson.Id(job.Id)}/result");
        details["created_by"] = json.User(withEmail: false);
        details["operation"] = job.Operation;
        details["created_time"] = Format(job.CreatedTime);
        return details;
    }

    /// <summary>A read job's details (§6.1), the item inside <c>data</c>; <c>result</c> once COMPLETED.</summary>
    public JsonObject ReadDetails(SandboxBulkJob job)
    {
        var spec = job.Read!;
        var query = new JsonObject { ["module"] = new JsonObject { ["id"] = LeadsModuleId, ["api_name"] = "Leads" }, ["page"] = spec.Page };
        if (spec.CriteriaJson is not null)
        {
            query["criteria"] = JsonNode.Parse(spec.CriteriaJson);
        }

        query["fields"] = new JsonArray([.. spec.Fields.Select(f => (JsonNode)f)]);
        var details = new JsonObject { ["id"] = SandboxJson.Id(job.Id), ["operation"] = "read", ["state"] = job.State, ["query"] = query };
        if (job.State == SandboxBulkStates.Completed && job.ReadResult is { } result)
        {
            details["result"] = ReadResult(job, result);
        }

        AddOutcome(details, job, downloadUrl: null);
        details["created_by"] = json.User(withEmail: false);
        details["created_time"] = Format(job.CreatedTime);
        details["file_type"] = "csv";
        return details;
    }

    /// <summary>What the sandbox posts to a job's callback URL: the job's details with <c>job_id</c> first.</summary>
    public JsonObject Callback(SandboxBulkJob job)
    {
        var details = job.IsRead ? ReadDetails(job) : WriteDetails(job);
        var body = new JsonObject { ["job_id"] = SandboxJson.Id(job.Id) };
        foreach (var (key, value) in details.ToList())
        {
            details.Remove(key);
            body[key] = value;
        }

        return body;
    }

    private JsonObject ReadResult(SandboxBulkJob job, SandboxBulkReadResult result)
    {
        var node = new JsonObject
        {
            ["page"] = job.Read!.Page, ["per_page"] = options.Value.Bulk.ReadPageSize, ["count"] = result.Count,
            ["download_url"] = $"/crm/bulk/v8/read/{SandboxJson.Id(job.Id)}/result", ["more_records"] = result.MoreRecords,
        };
        if (result.NextPageToken is not null)
        {
            node["next_page_token"] = result.NextPageToken;
        }

        return node;
    }

    /// <summary>The write result's download URL once COMPLETED; the reason once FAILED.</summary>
    private static void AddOutcome(JsonObject details, SandboxBulkJob job, string? downloadUrl)
    {
        if (job.State == SandboxBulkStates.Completed && downloadUrl is not null)
        {
            details["result"] = new JsonObject { ["download_url"] = downloadUrl };
        }

        if (job.State == SandboxBulkStates.Failed)
        {
            details["error"] = new JsonObject { ["code"] = "INTERNAL_ERROR", ["message"] = job.Failure ?? "the job failed" };
        }
    }
}
