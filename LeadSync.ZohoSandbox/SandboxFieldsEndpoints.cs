using System.Text.Json.Nodes;
using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// <c>GET /crm/v8/settings/fields?module=Leads</c> (docs/zoho §2.12): the sandbox org's Lead field metadata in Zoho's
/// shape, 1 credit. A missing module is <c>REQUIRED_PARAM_MISSING</c>; another module <c>INVALID_MODULE</c>.
/// </summary>
internal static class SandboxFieldsEndpoints
{
    public static void MapSandboxFields(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/settings/fields", List);
    }

    private static IResult List(HttpContext context, SandboxFieldCatalog catalog, SandboxApiCalls calls)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var module = context.Request.Query["module"].ToString();
        if (module.Length == 0)
        {
            return SandboxJson.MissingParam("module");
        }

        if (!string.Equals(module, "Leads", StringComparison.Ordinal))
        {
            return SandboxJson.Error(400, "INVALID_MODULE", "the module name given seems to be invalid", new JsonObject { ["resource_path_index"] = 0 });
        }

        var fields = new JsonArray(catalog.All.Select((f, i) => (JsonNode?)Field(f, i)).ToArray());
        return SandboxJson.Send(new JsonObject { ["fields"] = fields }, 200);
    }

    private static JsonObject Field(ZohoFieldDefinition field, int index)
    {
        var json = new JsonObject
        {
            ["api_name"] = field.ApiName,
            ["field_label"] = field.Label,
            ["display_label"] = field.Label,
            ["data_type"] = field.DataType,
            ["length"] = field.MaxLength,
            ["read_only"] = field.ReadOnly,
            ["field_read_only"] = field.ReadOnly,
            ["custom_field"] = field.Custom,
            ["system_mandatory"] = field.Mandatory,
            ["visible"] = true,
            ["id"] = (5_725_767_000_000_100_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (field.Type is ZohoFieldType.Picklist or ZohoFieldType.MultiSelectPicklist)
        {
            var values = new JsonArray { Value("-None-", 0) };
            for (var i = 0; i < field.PicklistValues.Count; i++)
            {
                values.Add(Value(field.PicklistValues[i], i + 1));
            }

            json["pick_list_values"] = values;
        }
        else
        {
            json["pick_list_values"] = new JsonArray();
        }

        return json;
    }

    private static JsonObject Value(string value, int sequence) =>
        new() { ["display_value"] = value, ["actual_value"] = value, ["sequence_number"] = sequence };
}
