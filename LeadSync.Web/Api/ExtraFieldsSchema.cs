using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadSync.Web.Api;

/// <summary>
/// Describes the <c>fields</c> object of <see cref="LeadInput"/> and <see cref="LeadResponse"/> in the OpenAPI document:
/// its keys are Zoho API names and its values typed per Zoho's field metadata, which no CLR type can say.
/// </summary>
internal static class ExtraFieldsSchema
{
    public const string Description =
        "Mapped extra Zoho fields by API name (e.g. Industry, Annual_Revenue, Budget__c), typed per Zoho's field metadata: " +
        "text and picklists as strings, numbers and currency as numbers, booleans as true/false, a multi-select as an array " +
        "of strings, dates as \"yyyy-MM-dd\", date-times as \"yyyy-MM-ddTHH:mm:ss+00:00\". On input only the fields named " +
        "change and null clears one; refusals name 'fields.<ApiName>'.";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if ((context.JsonTypeInfo.Type == typeof(LeadInput) || context.JsonTypeInfo.Type == typeof(LeadResponse))
            && schema.Properties?.TryGetValue("fields", out var fields) == true && fields is OpenApiSchema property)
        {
            property.Description = Description;
            property.AdditionalProperties = new OpenApiSchema();
        }

        return Task.CompletedTask;
    }
}
