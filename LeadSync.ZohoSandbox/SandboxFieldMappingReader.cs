using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A Bulk Write resource's <c>field_mappings</c> (§6.2): each a writable Leads field (or <c>id</c>) and the 0-based CSV
/// column holding it, each field once. Without mappings, the CSV's header row names the fields.
/// </summary>
internal static class SandboxFieldMappingReader
{
    public static (IReadOnlyList<SandboxFieldMapping>? Mappings, IResult? Error) Read(JsonObject resource, SandboxUploadedFile file)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(file);
        if (resource["field_mappings"] is not JsonArray items)
        {
            return FromHeader(file);
        }

        var mappings = new List<SandboxFieldMapping>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.resource[0].field_mappings[{i}]";
            var apiName = SandboxBulkBody.Text(items[i]?["api_name"]);
            if (apiName is null || !IsWritable(apiName))
            {
                return (null, SandboxBulkBody.Invalid("INVALID_DATA", $"{path}.api_name must be a writable Leads field or id", "api_name", path + ".api_name"));
            }

            if (items[i]?["index"] is not JsonValue v || !v.TryGetValue<int>(out var index) || index < 0 || index >= file.Columns.Count)
            {
                return (null, SandboxBulkBody.Invalid("INVALID_DATA", $"{path}.index must be a column of the file (0 to {file.Columns.Count - 1})", "index", path + ".index"));
            }

            if (mappings.Any(m => m.ApiName == apiName))
            {
                return (null, SandboxBulkBody.Invalid("DUPLICATE_DATA", $"{apiName} is mapped twice", "api_name", path + ".api_name"));
            }

            mappings.Add(new SandboxFieldMapping(apiName, index));
        }

        return mappings.Count == 0 ? (null, SandboxBulkBody.Missing("field_mappings", "$.resource[0].field_mappings")) : (mappings, null);
    }

    public static bool IsWritable(string apiName) => apiName == SandboxLeadFields.Id || SandboxLeadFields.Writable.ContainsKey(apiName);

    private static (IReadOnlyList<SandboxFieldMapping>?, IResult?) FromHeader(SandboxUploadedFile file)
    {
        var unknown = file.Columns.FirstOrDefault(c => !IsWritable(c));
        if (unknown is not null)
        {
            return (null, SandboxBulkBody.Invalid("INVALID_DATA",
                $"the file's column '{unknown}' is not a writable Leads field; give field_mappings to choose the columns", "field_mappings", "$.resource[0].field_mappings"));
        }

        return ([.. file.Columns.Select((c, i) => new SandboxFieldMapping(c, i))], null);
    }
}
