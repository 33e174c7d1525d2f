using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Api;

/// <summary>Caps <c>/api</c> request bodies at <see cref="ApiOptions.MaxRequestBodyBytes"/> (413 beyond).</summary>
internal static class ApiBodyLimit
{
    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The request body is larger than the API accepts ({limit / 1024} KB).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large");

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
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
