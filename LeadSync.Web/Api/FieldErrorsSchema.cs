using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadSync.Web.Api;

/// <summary>
/// Describes a lead's <c>fieldErrors</c> in the OpenAPI document: what a per-field error means for the lead, and that its
/// <c>refusedValue</c> is typed like the field's value in <c>fields</c> (which no CLR type can say).
/// </summary>
internal static class FieldErrorsSchema
{
    public const string Description =
        "The mapped extra fields that do not sync for this lead (per-field errors): Zoho refused the lead's value (direction " +
        "'push') or Zoho's value does not fit the field as LeadSync knows it ('pull'). The lead's other fields go on syncing; " +
        "the field is left out until its value changes, Zoho's value fits again or an admin changes the field's mapping. " +
        "Empty for most leads; GET /api/leads?hasFieldErrors=true lists the leads that have some.";

    public const string RefusedValueDescription =
        "The value concerned, typed as in 'fields' (the lead's own value for a push, Zoho's for a pull); null when there was none.";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(LeadResponse) && schema.Properties?.TryGetValue("fieldErrors", out var errors) == true
            && errors is OpenApiSchema list)
        {
            list.Description = Description;
        }

        if (context.JsonTypeInfo.Type == typeof(LeadFieldErrorResponse) && schema.Properties?.ContainsKey("refusedValue") == true)
        {
            // Any JSON value (the generator would reference a JsonNode schema that says nothing).
            schema.Properties["refusedValue"] = new OpenApiSchema { Description = RefusedValueDescription };
        }

        return Task.CompletedTask;
    }
}
