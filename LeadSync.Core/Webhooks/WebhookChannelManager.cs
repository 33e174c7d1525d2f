using System.Buffers.Text;
using System.Security.Cryptography;
using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// Keeps one Zoho watch channel (§5) for <c>Leads.create/edit/delete</c> pointing at <c>{App:PublicUrl}/webhooks/zoho</c>
/// (the app's own address in Sandbox mode): enables it with a random token and one week's expiry, renews it (PATCH)
/// when less than <see cref="WebhookOptions.RenewBefore"/> is left, and enables a new one when Zoho no longer knows it
/// (pitfall 16: channels expire and are never renewed by Zoho). Waits while Zoho refuses our credentials. One channel
/// per deployment: every instance decides under one deployment-wide lock and reads the stored channel first, so
/// instances starting together enable one channel, not one each.
/// </summary>
public sealed partial class WebhookChannelManager(
    IZohoClient zoho,
    IZohoConnectionSettingsProvider connection,
    IBuiltInZohoEndpoint builtInZoho,
    WebhookChannelStore store,
    DeploymentLocks locks,
    EngineStateTracker engine,
    IConfiguration configuration,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookChannelManager> logger) : IDisposable
{
    public const string CallbackPath = "webhooks/zoho";

    /// <summary>The events LeadSync watches.</summary>
    public static readonly IReadOnlyList<string> Events = ["Leads.create", "Leads.edit", "Leads.delete"];

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Enables, renews or re-enables the channel as needed; records the outcome. Never throws for Zoho's answers.</summary>
    public async Task<WebhookChannelOutcome> EnsureChannelAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (!o.Enabled)
        {
            return WebhookChannelOutcome.Disabled;
        }

        if (engine.IsUnauthorized)
        {
            LogWaitingForAuthorization();
            return WebhookChannelOutcome.WaitingForAuthorization;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using (await locks.AcquireAsync(PostgresAdvisoryLock.WatchChannel, cancellationToken))
            {
                return await EnsureCoreAsync(o, cancellationToken);
            }
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            LogWaitingForAuthorization();
            await store.SaveErrorAsync($"Zoho refused LeadSync's credentials ({ex.Code}); the channel is kept once they work again.", cancellationToken);
            return WebhookChannelOutcome.WaitingForAuthorization;
        }
        catch (Exception ex) when (ex is ZohoApiException or ZohoTransportException or InvalidOperationException or HttpRequestException)
        {
            LogChannelFailed(ex);
            await store.SaveErrorAsync(ex.Message, cancellationToken);
            return WebhookChannelOutcome.Failed;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Where Zoho must post: <c>{App:PublicUrl}/webhooks/zoho</c>, or the app's own address in Sandbox mode.</summary>
    public async Task<string> NotifyUrlAsync(CancellationToken cancellationToken = default)
    {
        var publicUrl = configuration["App:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(publicUrl))
        {
            var baseUri = new Uri(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/", UriKind.Absolute);
            return new Uri(baseUri, CallbackPath).ToString();
        }

        var settings = await connection.GetAsync(cancellationToken);
        if (settings.Mode != ZohoMode.Sandbox)
        {
            throw new InvalidOperationException(
                "Webhooks need App:PublicUrl (an HTTPS address Zoho can reach) when connected to a real Zoho account; until it is set, the scheduled pull alone brings Zoho's changes.");
        }

        return new Uri(builtInZoho.GetBaseAddress(), CallbackPath).ToString();
    }

    private async Task<WebhookChannelOutcome> EnsureCoreAsync(WebhookOptions o, CancellationToken cancellationToken)
    {
        var notifyUrl = await NotifyUrlAsync(cancellationToken);
        var channel = await store.GetChannelAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (channel is null || channel.Expiry <= now || !string.Equals(channel.NotifyUrl, notifyUrl, StringComparison.Ordinal))
        {
            await EnableAsync(notifyUrl, channel, o, cancellationToken);
            return WebhookChannelOutcome.Enabled;
        }

        if (channel.Expiry - now > o.RenewBefore)
        {
            return WebhookChannelOutcome.Current;
        }

        try
        {
            var result = await zoho.RenewWatchAsync(channel.ChannelId, ExpiryFrom(now, o), cancellationToken);
            var expiry = result.ChannelExpiry ?? ExpiryFrom(now, o);
            await store.SaveRenewedAsync(expiry, cancellationToken);
            LogRenewed(channel.ChannelId, expiry);
            return WebhookChannelOutcome.Renewed;
        }
        catch (ZohoApiException ex) when (!ex.IsTransient && !ex.IsAuthorizationProblem)
        {
            // §5: a PATCH for a channel Zoho no longer has is refused; enable a fresh one.
            LogChannelGone(channel.ChannelId, ex.Code);
            await EnableAsync(notifyUrl, null, o, cancellationToken);
            return WebhookChannelOutcome.Enabled;
        }
    }

    private async Task EnableAsync(string notifyUrl, WebhookChannel? previous, WebhookOptions o, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = new ZohoWatchRequest(NewChannelId(), Events, notifyUrl, NewToken(), ExpiryFrom(now, o));
        var result = await zoho.EnableWatchAsync(request, cancellationToken);
        var channel = new WebhookChannel(request.ChannelId, notifyUrl, request.Token, result.ChannelExpiry ?? request.ChannelExpiry);
        await store.SaveEnabledAsync(channel, cancellationToken);
        LogEnabled(channel.ChannelId, notifyUrl, channel.Expiry);
        if (previous is not null && previous.ChannelId != channel.ChannelId)
        {
            try
            {
                await zoho.DisableWatchAsync(previous.ChannelId, cancellationToken);
            }
            catch (ZohoApiException ex)
            {
                LogPreviousNotDisabled(previous.ChannelId, ex.Code); // Already gone or expired: nothing to undo.
            }
        }
    }

    /// <summary>Whole seconds (Zoho's format), so the requested expiry never exceeds the one-week maximum.</summary>
    private static DateTimeOffset ExpiryFrom(DateTimeOffset now, WebhookOptions o)
    {
        var expiry = now + o.ChannelLifetime;
        return new DateTimeOffset(expiry.Ticks - (expiry.Ticks % TimeSpan.TicksPerSecond), expiry.Offset);
    }

    /// <summary>A random 13–16 digit channel id (§5: a long of our own choosing).</summary>
    private static string NewChannelId() =>
        (1_000_000_000_000L + (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) % 8_000_000_000_000_000UL))
        .ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>256 random bits, base64url: 43 characters (§5 allows at most 50).</summary>
    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho watch channel {ChannelId} enabled for {NotifyUrl}, expires {Expiry}")]
    private partial void LogEnabled(string channelId, string notifyUrl, DateTimeOffset expiry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho watch channel {ChannelId} renewed until {Expiry}")]
    private partial void LogRenewed(string channelId, DateTimeOffset expiry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho no longer has watch channel {ChannelId} ({Code}); enabling a new one")]
    private partial void LogChannelGone(string channelId, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Previous Zoho watch channel {ChannelId} could not be disabled ({Code})")]
    private partial void LogPreviousNotDisabled(string channelId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho watch channel waits: Zoho refuses LeadSync's credentials")]
    private partial void LogWaitingForAuthorization();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho watch channel could not be enabled or renewed")]
    private partial void LogChannelFailed(Exception exception);
}
