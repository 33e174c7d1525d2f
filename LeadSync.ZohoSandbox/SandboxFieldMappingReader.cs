using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A Bulk Write resource's <c>field_mappings</c> (§6.2): each a writable Leads field — core, or an extra field of the
/// catalog (<see cref="SandboxExtraFields.IsExtra"/>) — or <c>id</c>, the 0-based CSV column holding it and an optional
/// <c>format</c> (dates), each field once. Without mappings, the CSV's header row names the fields.
/// </summary>
internal static class SandboxFieldMappingReader
{
    public static (IReadOnlyList<SandboxFieldMapping>? Mappings, IResult? Error) Read(JsonObject resource, SandboxUploadedFile file, SandboxFieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(catalog);
        if (resource["field_mappings"] is not JsonArray items)
        {
            return FromHeader(file, catalog);
        }

        var mappings = new List<SandboxFieldMapping>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.resource[0].field_mappings[{i}]";
            var apiName = SandboxBulkBody.Text(items[i]?["api_name"]);
            if (apiName is null || !IsWritable(apiName, catalog))
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

            mappings.Add(new SandboxFieldMapping(apiName, index, SandboxBulkBody.Text(items[i]?["format"])));
        }

        return mappings.Count == 0 ? (null, SandboxBulkBody.Missing("field_mappings", "$.resource[0].field_mappings")) : (mappings, null);
    }

    public static bool IsWritable(string apiName, SandboxFieldCatalog catalog) =>
        apiName == SandboxLeadFields.Id || SandboxLeadFields.Writable.ContainsKey(apiName)
        || (catalog.Find(apiName) is { } field && SandboxExtraFields.IsExtra(field));

    private static (IReadOnlyList<SandboxFieldMapping>?, IResult?) FromHeader(SandboxUploadedFile file, SandboxFieldCatalog catalog)
    {
        var unknown = file.Columns.FirstOrDefault(c => !IsWritable(c, catalog));
        if (unknown is not null)
        {
            return (null, SandboxBulkBody.Invalid("INVALID_DATA",
                $"the file's column '{unknown}' is not a writable Leads field; give field_mappings to choose the columns", "field_mappings", "$.resource[0].field_mappings"));
        }

        return ([.. file.Columns.Select((c, i) => new SandboxFieldMapping(c, i))], null);
    }
}
