namespace LeadSync.Web.Api;

/// <summary>
/// Applies <see cref="ApiRateLimiter"/> to the endpoints marked <see cref="ApiRateLimited"/> (the <c>/api</c> group),
/// after authorization — an anonymous caller only ever sees 401 — and before the body is read: a refused call gets 429,
/// a <c>Retry-After</c> and a problem document, and nothing runs.
/// </summary>
public sealed class ApiRateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ApiRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limiter);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiRateLimited>() is null)
        {
            await next(context);
            return;
        }

        using var lease = await limiter.AcquireAsync(context, context.RequestAborted);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        var seconds = ApiRateLimiter.RetryAfterSeconds(lease);
        context.Response.Headers.RetryAfter = seconds;
        await TypedResults.Problem(
                $"Too many requests for this API key; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Rate limit exceeded")
            .ExecuteAsync(context);
    }
}

/// <summary>Endpoint metadata: the endpoint counts against the caller's API rate limit (<see cref="ApiRateLimitMiddleware"/>).</summary>
public sealed class ApiRateLimited
{
    public static readonly ApiRateLimited Instance = new();

    private ApiRateLimited()
    {
    }
}
