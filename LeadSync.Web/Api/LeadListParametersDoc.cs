using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadSync.Web.Api;

/// <summary>
/// Describes the list query's extra-field parameters (<c>f</c>, <c>fsort</c>, <c>hasFieldErrors</c>) on every operation
/// that takes them (<c>GET /api/leads</c> and its export). An operation transformer, because ASP.NET Core 10's OpenAPI
/// generator throws on a <c>[Description]</c> of an <c>[AsParameters]</c> member (it casts the member's attributes to the
/// wrong array type).
/// </summary>
internal static class LeadListParametersDoc
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["f"] = LeadListQuery.FieldFilterDescription,
        ["fsort"] = LeadListQuery.FieldSortDescription,
        ["hasFieldErrors"] = LeadListQuery.HasFieldErrorsDescription,
    };

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name && Descriptions.TryGetValue(name, out var description))
            {
                parameter.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
