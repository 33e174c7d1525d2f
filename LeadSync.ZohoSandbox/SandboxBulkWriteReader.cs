using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Reads a Bulk Write job's body (§6.2) into a <see cref="SandboxBulkWriteSpec"/>: <c>operation</c>, one
/// <c>resource</c> of type <c>data</c> on Leads with an uploaded <c>file_id</c>, <c>find_by</c> (required for update and
/// upsert), <c>field_mappings</c> by column index (default: the CSV's header names), <c>ignore_empty</c>.
/// </summary>
internal static class SandboxBulkWriteReader
{
    private static readonly string[] Operations = ["insert", "update", "upsert"];

    public static (string? Operation, SandboxBulkWriteSpec? Spec, SandboxUploadedFile? File, IResult? Error) Read(JsonObject root, SandboxBulkJobs jobs, SandboxFieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(jobs);
        var operation = SandboxBulkBody.Text(root["operation"])?.ToLowerInvariant();
        if (operation is null || !Operations.Contains(operation))
        {
            return Fail(operation is null ? SandboxBulkBody.Missing("operation", "$.operation")
                : SandboxBulkBody.Invalid("INVALID_DATA", "operation must be insert, update or upsert", "operation", "$.operation"));
        }

        if (root["resource"] is not JsonArray { Count: > 0 } resources || resources[0] is not JsonObject resource)
        {
            return Fail(SandboxBulkBody.Missing("resource", "$.resource"));
        }

        if (resources.Count > 1)
        {
            return Fail(SandboxBulkBody.Invalid("NOT_SUPPORTED", "the sandbox takes one resource per job", "resource", "$.resource[1]"));
        }

        var (file, fileError) = ReadResource(resource, jobs);
        if (file is null)
        {
            return Fail(fileError!);
        }

        var (mappings, mappingError) = SandboxFieldMappingReader.Read(resource, file, catalog);
        if (mappings is null)
        {
            return Fail(mappingError!);
        }

        var (findBy, findByError) = ReadFindBy(resource, operation, mappings);
        if (findByError is not null)
        {
            return Fail(findByError);
        }

        var ignoreEmpty = root["ignore_empty"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return (operation, new SandboxBulkWriteSpec(file.FileId, findBy, ignoreEmpty, mappings), file, null);
    }

    private static (string?, SandboxBulkWriteSpec?, SandboxUploadedFile?, IResult?) Fail(IResult error) => (null, null, null, error);

    private static (SandboxUploadedFile? File, IResult? Error) ReadResource(JsonObject resource, SandboxBulkJobs jobs)
    {
        if ((SandboxBulkBody.Text(resource["type"]) ?? "data") != "data")
        {
            return (null, SandboxBulkBody.Invalid("INVALID_DATA", "resource type must be 'data'", "type", "$.resource[0].type"));
        }

        var module = SandboxBulkBody.Text(resource["module"]?["api_name"]);
        if (module is null)
        {
            return (null, SandboxBulkBody.Missing("module", "$.resource[0].module.api_name"));
        }

        if (!string.Equals(module, "Leads", StringComparison.OrdinalIgnoreCase))
        {
            return (null, SandboxBulkBody.Invalid("INVALID_MODULE", "the module name given seems to be invalid", "module", "$.resource[0].module.api_name"));
        }

        var fileId = SandboxBulkBody.Text(resource["file_id"]);
        if (fileId is null)
        {
            return (null, SandboxBulkBody.Missing("file_id", "$.resource[0].file_id"));
        }

        return SandboxLeadService.ParseId(fileId) is { } id && jobs.FindUpload(id) is { } file
            ? (file, null)
            : (null, SandboxBulkBody.Invalid("INVALID_DATA", "the file_id given seems to be invalid (upload the file first)", "file_id", "$.resource[0].file_id"));
    }

    /// <summary><c>find_by</c>: required for update (id or Email) and upsert (Email, the sandbox's unique field), and mapped to a column.</summary>
    private static (string? FindBy, IResult? Error) ReadFindBy(JsonObject resource, string operation, IReadOnlyList<SandboxFieldMapping> mappings)
    {
        var findBy = SandboxBulkBody.Text(resource["find_by"]);
        if (operation == "insert")
        {
            return (null, null);
        }

        if (findBy is null)
        {
            return (null, SandboxBulkBody.Invalid("REQUIRED_PARAM_MISSING", $"find_by is required for {operation}", "find_by", "$.resource[0].find_by"));
        }

        var allowed = operation == "update" ? new[] { SandboxLeadFields.Id, SandboxLeadFields.Email } : [SandboxLeadFields.Email];
        if (!allowed.Contains(findBy, StringComparer.Ordinal))
        {
            return (null, SandboxBulkBody.Invalid("INVALID_DATA", $"find_by for {operation} must be {string.Join(" or ", allowed)}", "find_by", "$.resource[0].find_by"));
        }

        return mappings.Any(m => m.ApiName == findBy)
            ? (findBy, null)
            : (null, SandboxBulkBody.Invalid("INVALID_DATA", $"find_by {findBy} must be one of the mapped fields", "find_by", "$.resource[0].find_by"));
    }
}
