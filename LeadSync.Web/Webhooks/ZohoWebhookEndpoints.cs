using System.Text.Json;
using LeadSync.Core.Diagnostics;
using LeadSync.Core.Webhooks;
using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Http.Features;

namespace LeadSync.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/zoho</c>: Zoho's Notification API callback (§5). Anonymous (Zoho signs nothing), verified by the
/// channel id and token stored when the channel was enabled (constant-time); 401 otherwise, 400 for malformed JSON,
/// 413 past 64 KB. Answers at once and leaves the pull to <see cref="WebhookNotificationWorker"/>.
/// </summary>
internal static partial class ZohoWebhookEndpoints
{
    /// <summary>A callback carries ids only (§5); 64 KB is thousands of them.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapZohoWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + WebhookChannelManager.CallbackPath, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, WebhookChannelStore store, WebhookNotificationInbox queue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ZohoWebhookEndpoints).FullName!);
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        ZohoNotification? notification;
        try
        {
            notification = await JsonSerializer.DeserializeAsync<ZohoNotification>(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Results.Problem("The body is not a Zoho notification (§5 JSON).", statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (notification is null)
        {
            return Results.Problem("The body is not a Zoho notification (§5 JSON).", statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification");
        }

        return await AcceptAsync(notification, store, queue, logger, cancellationToken);
    }

    /// <summary>A well-formed notification: verified against the stored channel, then queued if it is about leads.</summary>
    private static async Task<IResult> AcceptAsync(
        ZohoNotification notification, WebhookChannelStore store, WebhookNotificationInbox queue, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await store.VerifyAsync(notification.ChannelId, notification.Token, cancellationToken))
        {
            LogRejected(logger, LogValue.Sanitize(notification.ChannelId));
            return Results.Problem("Unknown channel or wrong token.", statusCode: StatusCodes.Status401Unauthorized, title: "Not verified");
        }

        if (!string.Equals(notification.Module, "Leads", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Ok(new { status = "ignored" });
        }

        if (!queue.TryEnqueue(notification with { Token = null }))
        {
            LogQueueFull(logger, notification.Ids.Count);
        }

        return Results.Ok(new { status = "accepted" });
    }

    private static IResult TooLarge() =>
        Results.Problem($"A notification is at most {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Notification too large");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho notification refused: channel {ChannelId} with an unknown or wrong token")]
    private static partial void LogRejected(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho notification dropped ({Ids} ids): the queue is full; the scheduled pull catches up")]
    private static partial void LogQueueFull(ILogger logger, int ids);
}
