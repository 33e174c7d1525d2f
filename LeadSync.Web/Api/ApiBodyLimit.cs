using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Api;

/// <summary>
/// Caps <c>/api</c> request bodies at <see cref="ApiOptions.MaxRequestBodyBytes"/>, a batch's at
/// <see cref="ApiOptions.MaxBatchBodyBytes"/> (413 beyond).
/// </summary>
internal static class ApiBodyLimit
{
    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The request body is larger than the API accepts ({limit / 1024} KB).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large");

    /// <summary>The body limit of this request's endpoint.</summary>
    public static long LimitFor(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        return context.Request.Path.Equals("/api/leads" + LeadBatchApi.Path, StringComparison.OrdinalIgnoreCase)
            ? options.MaxBatchBodyBytes
            : options.MaxRequestBodyBytes;
    }

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limit = LimitFor(context);
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(limit).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
