using LeadSync.Core.Diagnostics;
using LeadSync.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Api;

/// <summary>The REST API under <c>/api</c>: OpenAPI, per-key rate limiting, problem details, body limit, call metrics.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "LeadSync API";
                document.Info.Description = "Leads and sync control. Authenticate with 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(ExtraFieldsSchema.TransformAsync);
            options.AddSchemaTransformer(FieldErrorsSchema.TransformAsync);
            options.AddOperationTransformer(LeadListParametersDoc.TransformAsync);
        });
        services.AddSingleton<ApiRateLimiter>(); // disposed with the app (see ApiRateLimiter)
        return services;
    }

    /// <summary>Maps <c>/api/*</c> (API key required, rate limited) and <c>/openapi/v1.json</c> (admin or API key).</summary>
    public static IEndpointRouteBuilder MapLeadSyncApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .RequireAuthorization(SecurityConstants.ApiPolicy)
            .WithMetadata(ApiRateLimited.Instance)
            .AddEndpointFilter<ApiErrorFilter>()
            .DisableAntiforgery();
        api.MapLeadsApi();
        api.MapSyncApi();
        endpoints.MapOpenApi().RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// <c>/api</c> middleware: counts every call (including 401 and 429), answers unhandled errors and empty error
    /// statuses (404 for an unknown route, 405…) with problem documents instead of the console's error pages.
    /// </summary>
    public static WebApplication UseLeadSyncApiCallMetrics(this WebApplication app)
    {
        app.UseWhen(context => SecurityConstants.IsApi(context.Request.Path), branch =>
        {
            branch.Use(CountCallAsync);
            // An unhandled error is a problem document like every other /api answer (never the console's HTML error
            // page); it names no exception, SQL or path — the log has the details under the trace id.
            branch.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
                ExceptionHandler = ServerErrorAsync,
            });
            branch.UseStatusCodePages(EmptyStatusAsync);
        });
        return app;
    }

    /// <summary>Counts the call by method, route and status, whatever the outcome.</summary>
    private static async Task CountCallAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            context.RequestServices.GetRequiredService<LeadSyncMetrics>()
                .RecordApiCall(context.Request.Method, route, context.Response.StatusCode);
        }
    }

    private static Task ServerErrorAsync(HttpContext context) => TypedResults.Problem(
            "The request failed on the server; nothing was changed by the failed step. Try again, and report the trace id if it persists.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Server error",
            extensions: new Dictionary<string, object?> { ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier })
        .ExecuteAsync(context);

    /// <summary>An error status without a body (404 for an unknown route, 405, 415…) answered with a problem document.</summary>
    private static async Task EmptyStatusAsync(StatusCodeContext statusContext)
    {
        var http = statusContext.HttpContext;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"There is no API endpoint at {http.Request.Path}; see /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with 'Content-Type: application/json'.",
            _ => null,
        };
        await TypedResults.Problem(detail, statusCode: http.Response.StatusCode).ExecuteAsync(http);
    }

    /// <summary>The per-key rate limit of the <c>/api</c> endpoints (after authorization, before the body limit).</summary>
    public static WebApplication UseApiRateLimit(this WebApplication app)
    {
        app.UseMiddleware<ApiRateLimitMiddleware>();
        return app;
    }

    /// <summary>Body size limit for <c>/api</c> (after authorization, so anonymous callers only ever see 401).</summary>
    public static WebApplication UseLeadSyncApiBodyLimit(this WebApplication app)
    {
        app.UseWhen(context => SecurityConstants.IsApi(context.Request.Path), branch => branch.Use(ApiBodyLimit.InvokeAsync));
        return app;
    }
}
