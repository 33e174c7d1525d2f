using System.Text.Json;
using LeadSync.Core.Outbox.Bulk;

namespace LeadSync.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/zoho/bulk-write/{token}</c>: Zoho's call when a Bulk Write job ends (docs/zoho §6.2). Anonymous
/// (Zoho signs nothing); the token in the address is the job's own — 32 random bytes, stored only as a hash — so a
/// caller without it gets 404 and changes nothing. A valid call only wakes the job's follower, which reads the job from
/// Zoho itself; for a job whose create answer was lost, the <c>job_id</c> it names is how the job is found again.
/// </summary>
internal static partial class BulkWriteCallbackEndpoints
{
    public const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapBulkWriteCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + BulkWriteCallbackAddress.PathPrefix + "{token}", ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string token, HttpContext context, BulkWriteStore store, BulkWriteSignals signals, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var job = await store.FindByTokenAsync(token, cancellationToken);
        if (job is null || job.IsFinished)
        {
            LogRefused(loggers.CreateLogger(typeof(BulkWriteCallbackEndpoints).FullName!));
            return Results.NotFound();
        }

        await store.RecordCallbackAsync(job.Id, await JobIdAsync(context, cancellationToken), cancellationToken);
        signals.Signal(job.Id);
        return Results.Ok(new { status = "accepted" });
    }

    /// <summary>The <c>job_id</c> (or <c>id</c>) the callback names, if its body is a small JSON object; anything else names none.</summary>
    private static async Task<string?> JobIdAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            var buffer = new byte[MaxBodyBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length is 0 or > (int)MaxBodyBytes)
            {
                return null;
            }

            using var body = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = body.RootElement;
            return root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("job_id", out var id) || root.TryGetProperty("id", out id))
                ? id.ValueKind switch { JsonValueKind.String => id.GetString(), JsonValueKind.Number => id.GetRawText(), _ => null }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk write callback refused: unknown or finished job token")]
    private static partial void LogRefused(ILogger logger);
}
