using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Reads a Bulk Read job's body (§6.1) into a <see cref="SandboxBulkReadSpec"/>: <c>query.module</c> Leads,
/// <c>fields</c> (default all; <c>id</c> always), <c>criteria</c>, and either <c>page</c> (from 1) or a
/// <c>page_token</c> from an earlier job's <c>next_page_token</c>, which continues after that job's last record.
/// </summary>
internal static class SandboxBulkReadReader
{
    public static (SandboxBulkReadSpec? Spec, IResult? Error) Read(JsonObject root, SandboxBulkJobs jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(jobs);
        if (root["query"] is not JsonObject query)
        {
            return (null, SandboxBulkBody.Missing("query", "$.query"));
        }

        var module = SandboxBulkBody.Text(query["module"]?["api_name"]);
        if (module is null || !string.Equals(module, "Leads", StringComparison.OrdinalIgnoreCase))
        {
            return (null, module is null ? SandboxBulkBody.Missing("module", "$.query.module.api_name")
                : SandboxBulkBody.Invalid("INVALID_MODULE", "the module name given seems to be invalid", "module", "$.query.module.api_name"));
        }

        if ((SandboxBulkBody.Text(query["file_type"]) ?? "csv") != "csv")
        {
            return (null, SandboxBulkBody.Invalid("NOT_SUPPORTED", "file_type must be csv (ics is for Events)", "file_type", "$.query.file_type"));
        }

        var (fields, fieldsError) = ReadFields(query);
        var (_, criteriaError) = SandboxReadCriteria.Parse(query["criteria"]);
        if ((fieldsError ?? criteriaError) is { } error)
        {
            return (null, error);
        }

        var (page, afterId, pageError) = ReadPage(query, jobs, now);
        return pageError is null
            ? (new SandboxBulkReadSpec(fields!, query["criteria"]?.ToJsonString(), page!.Value, afterId), null)
            : (null, pageError);
    }

    private static (IReadOnlyList<string>? Fields, IResult? Error) ReadFields(JsonObject query)
    {
        if (query["fields"] is null)
        {
            return (SandboxLeadFields.All, null);
        }

        if (query["fields"] is not JsonArray items)
        {
            return (null, SandboxBulkBody.Invalid("INVALID_DATA", "fields must be an array of field API names", "fields", "$.query.fields"));
        }

        var fields = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var name = SandboxBulkBody.Text(items[i]);
            if (name is null || (name != SandboxLeadFields.Id && !SandboxLeadFields.All.Contains(name)))
            {
                return (null, SandboxBulkBody.Invalid("INVALID_DATA", $"fields[{i}] is not a Leads field", "fields", $"$.query.fields[{i}]"));
            }

            if (name != SandboxLeadFields.Id && !fields.Contains(name))
            {
                fields.Add(name);
            }
        }

        return (fields, null);
    }

    private static (int? Page, long? AfterId, IResult? Error) ReadPage(JsonObject query, SandboxBulkJobs jobs, DateTimeOffset now)
    {
        if (SandboxBulkBody.Text(query["page_token"]) is { } token)
        {
            return jobs.FindByPageToken(token, now) is { ReadResult.LastId: { } lastId } previous
                ? (previous.Read!.Page + 1, lastId, null)
                : (null, null, SandboxBulkBody.Invalid("INVALID_DATA", "the page_token given is invalid or has expired (24 hours)", "page_token", "$.query.page_token"));
        }

        if (query["page"] is null)
        {
            return (1, null, null);
        }

        return query["page"] is JsonValue v && v.TryGetValue<int>(out var page) && page >= 1
            ? (page, null, null)
            : (null, null, SandboxBulkBody.Invalid("INVALID_DATA", "page must be a whole number from 1", "page", "$.query.page"));
    }
}
