using Microsoft.Extensions.Primitives;

namespace LeadSync.ZohoSandbox;

/// <summary>Per-call helpers for the API handlers: credit charging (§4.2) and the dropped-response fault.</summary>
internal sealed class SandboxApiCalls(SandboxCallLimiter limiter, SandboxFaultInjector faults)
{
    /// <summary>Charges the call's credits; a 429 when they are exhausted. Adds <c>X-API-CREDITS-REMAINING</c> once half is used.</summary>
    public IResult? Charge(HttpContext context, int credits)
    {
        ArgumentNullException.ThrowIfNull(context);
        var charged = limiter.TryCharge(credits, out var remaining);
        if (limiter.ShouldReportRemaining(remaining))
        {
            context.Response.Headers["X-API-CREDITS-REMAINING"] = new StringValues(Math.Max(0, remaining).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return charged ? null : SandboxJson.Error(429, "TOO_MANY_REQUESTS", "The API credits for the last 24 hours are exhausted");
    }

    /// <summary>Write credits: 1 per 10 records (§4.2).</summary>
    public static int WriteCredits(int records) => Math.Max(1, (records + 9) / 10);

    /// <summary>The dropped-response fault: after the write was applied, abort the connection so the client sees a failure.</summary>
    public bool DropResponse(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!faults.Draw(faults.Current.DropResponseRate))
        {
            return false;
        }

        context.Abort();
        return true;
    }

    /// <summary>Enters the heavy pool for writes of more than 10 records (§4.3); a lease to dispose, or a 429.</summary>
    public (IDisposable? Lease, IResult? Error) EnterWrite(int records)
    {
        if (records <= 10)
        {
            return (null, null);
        }

        var lease = limiter.TryEnterHeavy();
        return lease is null
            ? (null, SandboxJson.Error(429, "TOO_MANY_REQUESTS", "The number of concurrent heavy requests (writes of more than 10 records) has been exceeded"))
            : (lease, null);
    }

    public static string ApiBase(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/sandbox/zoho";
    }
}
