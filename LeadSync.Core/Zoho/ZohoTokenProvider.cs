using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Access tokens (§1): one cached token per process, refreshed <see cref="ZohoOptions.TokenRefreshMargin"/> before expiry
/// (at most a quarter of the token's lifetime before, see <see cref="ZohoAccessToken.RefreshAt"/>), exactly one refresh in flight for all callers, persisted encrypted so restarts and other instances reuse it.
/// A throttled token endpoint is not called again for <see cref="ZohoOptions.TokenThrottleBackoff"/>.
/// </summary>
internal sealed class ZohoTokenProvider(
    ZohoTransport transport,
    ZohoTokenStore store,
    ZohoCallReporter reporter,
    IOptionsMonitor<ZohoOptions> options,
    TimeProvider time,
    ILogger<ZohoTokenProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile ZohoAccessToken? current;
    private ThrottleState? throttle;

    /// <summary>
    /// A usable access token for these settings. With <paramref name="rejected"/> (Zoho answered INVALID_TOKEN for it),
    /// a different one: another caller's fresh token, or a newly minted one.
    /// </summary>
    public async Task<ZohoAccessToken> GetAsync(ZohoConnectionSettings settings, ZohoAccessToken? rejected, CancellationToken cancellationToken)
    {
        if (Usable(current, settings, rejected) is { } ready)
        {
            return ready;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return await GetHoldingGateAsync(settings, rejected, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the token held in memory (the connection settings were saved).</summary>
    public void Forget()
    {
        current = null;
    }

    public void Dispose() => gate.Dispose();

    private ZohoAccessToken? Usable(ZohoAccessToken? token, ZohoConnectionSettings settings, ZohoAccessToken? rejected) =>
        token is not null
        && token.CredentialsKey == settings.CredentialsKey
        && token.RefreshAt(options.CurrentValue.TokenRefreshMargin) > time.GetUtcNow()
        && (rejected is null || token.Token != rejected.Token)
            ? token
            : null;

    /// <summary>With the gate held: another caller's fresh token, else the persisted one, else a newly minted one.</summary>
    private async Task<ZohoAccessToken> GetHoldingGateAsync(ZohoConnectionSettings settings, ZohoAccessToken? rejected, CancellationToken cancellationToken)
    {
        if (Usable(current, settings, rejected) is { } fresh)
        {
            return fresh;
        }

        ForgetUnusable(settings, rejected);
        var persisted = await store.LoadAsync(settings.CredentialsKey, cancellationToken);
        if (Usable(persisted, settings, rejected) is { } stored)
        {
            ZohoLog.TokenLoaded(logger, stored.ExpiresAt);
            current = stored;
            return stored;
        }

        if (rejected is not null && persisted?.Token == rejected.Token)
        {
            await store.DeleteAsync(settings.CredentialsKey, cancellationToken);
        }

        var minted = await RequestAsync(settings, cancellationToken);
        await store.SaveAsync(minted, cancellationToken);
        current = minted;
        return minted;
    }

    /// <summary>Drops the token held in memory if it belongs to other credentials or Zoho rejected it.</summary>
    private void ForgetUnusable(ZohoConnectionSettings settings, ZohoAccessToken? rejected)
    {
        if (current is { } stale && stale.CredentialsKey != settings.CredentialsKey)
        {
            ZohoLog.CredentialsChanged(logger);
            current = null;
        }

        if (rejected is not null && current?.Token == rejected.Token)
        {
            // Zoho refused it: never hand it out again, even if the refresh below fails.
            current = null;
        }
    }

    private async Task<ZohoAccessToken> RequestAsync(ZohoConnectionSettings settings, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        EnsureMayRequest(settings, now);
        var path = new Uri(settings.TokenUrl).AbsolutePath;
        using var response = await PostRefreshTokenAsync(settings, path, o.TokenTimeout, cancellationToken);
        var root = response.TryGetJson(out var parsed) ? parsed : default;
        var accessToken = root.ValueKind == JsonValueKind.Object ? ZohoJson.String(root, "access_token") : null;
        if (!string.IsNullOrEmpty(accessToken))
        {
            reporter.Report(new ZohoCallRecord("POST", path, response.HttpStatus, 0, 0, response.Duration, null, null));
            var token = new ZohoAccessToken(accessToken, now + Lifetime(root), ZohoJson.String(root, "api_domain"), settings.CredentialsKey, now);
            ZohoLog.TokenObtained(logger, settings.AccountsUrl, token.ExpiresAt);
            return token;
        }

        var throttledUntil = now + o.TokenThrottleBackoff;
        var exception = TokenError(settings, root, response, throttledUntil);
        if (exception.Kind == ZohoFailureKind.TokenThrottled)
        {
            throttle = new ThrottleState(settings.CredentialsKey, throttledUntil);
            ZohoLog.TokenThrottled(logger, settings.AccountsUrl, throttle.Until);
        }

        reporter.Report(new ZohoCallRecord("POST", path, response.HttpStatus, 0, 0, response.Duration, exception.Code, null));
        ZohoLog.TokenFailed(logger, settings.AccountsUrl, exception.Code, exception.Kind);
        throw exception;
    }

    /// <summary>Throws instead of calling the token endpoint while it throttles these credentials, or when there are no credentials.</summary>
    private void EnsureMayRequest(ZohoConnectionSettings settings, DateTimeOffset now)
    {
        if (throttle is { } t && t.CredentialsKey == settings.CredentialsKey && t.Until > now)
        {
            throw Throttled(settings, t.Until, null);
        }

        if (!settings.HasCredentials)
        {
            var missing = settings.Mode == ZohoMode.Sandbox
                ? "the credentials of the Zoho endpoint LeadSync serves itself in Sandbox mode (the sandbox page says where they come from)"
                : "the Zoho client id, client secret and refresh token (Settings page, or Zoho:ClientId, Zoho:ClientSecret, Zoho:RefreshToken)";
            throw new ZohoApiException(ZohoFailureKind.InvalidClient, new ZohoRecordError("MISSING_CREDENTIALS", $"Zoho credentials are not set: set {missing}."), null);
        }
    }

    /// <summary>The refresh-token grant; a transport failure is reported, logged and thrown as a transient failure.</summary>
    private async Task<ZohoResponse> PostRefreshTokenAsync(ZohoConnectionSettings settings, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.SendAsync(
                new ZohoHttpRequest(
                    HttpMethod.Post,
                    settings.TokenUrl,
                    () => new FormUrlEncodedContent(
                    [
                        new("grant_type", "refresh_token"),
                        new("client_id", settings.ClientId),
                        new("client_secret", settings.ClientSecret),
                        new("refresh_token", settings.RefreshToken),
                    ]),
                    new Dictionary<string, string>(),
                    timeout),
                cancellationToken);
        }
        catch (ZohoTransportException ex)
        {
            reporter.Report(new ZohoCallRecord("POST", path, null, 0, 0, ex.Duration, ex.Code, null));
            ZohoLog.TokenFailed(logger, settings.AccountsUrl, ex.Code, ZohoFailureKind.Transient);
            throw ex.ToApiException();
        }
    }

    /// <summary>
    /// §1.3: errors come as HTTP 200 (or 400) with an "error" key; the body, not the status, decides.
    /// A throttled endpoint ("Access Denied") is not asked again before <paramref name="throttledUntil"/>.
    /// </summary>
    private static ZohoApiException TokenError(ZohoConnectionSettings settings, JsonElement root, ZohoResponse response, DateTimeOffset throttledUntil)
    {
        var error = root.ValueKind == JsonValueKind.Object ? ZohoJson.String(root, "error") : null;
        return error switch
        {
            "invalid_code" => new ZohoApiException(
                ZohoFailureKind.RefreshTokenRevoked,
                new ZohoRecordError(error, "The Zoho refresh token is revoked or invalid (invalid_code). Generate a new refresh token and save it in Settings."),
                (HttpStatusCode)response.HttpStatus),
            "invalid_client" => new ZohoApiException(
                ZohoFailureKind.InvalidClient,
                new ZohoRecordError(error, InvalidClientMessage(settings)),
                (HttpStatusCode)response.HttpStatus),
            "Access Denied" => Throttled(settings, throttledUntil, response.HttpStatus),
            _ when response.HttpStatus is 429 or >= 500 || response.IsEmpty => new ZohoApiException(
                ZohoFailureKind.Transient,
                new ZohoRecordError(error ?? (response.HttpStatus == 429 ? "TOO_MANY_REQUESTS" : "TOKEN_ENDPOINT_FAILED"), $"The Zoho token endpoint answered HTTP {response.HttpStatus} without an access token."),
                (HttpStatusCode)response.HttpStatus),
            _ => new ZohoApiException(
                ZohoFailureKind.Permanent,
                new ZohoRecordError(error ?? "TOKEN_ENDPOINT_FAILED", $"The Zoho token endpoint {settings.AccountsUrl} answered HTTP {response.HttpStatus} without an access token ({error ?? "no error code"})."),
                (HttpStatusCode)response.HttpStatus),
        };
    }

    private static string InvalidClientMessage(ZohoConnectionSettings settings) => settings.Mode == ZohoMode.Sandbox
        ? $"LeadSync's built-in Zoho endpoint (Sandbox mode) rejected the client (invalid_client): its client id or client secret is wrong (token endpoint {settings.AccountsUrl}; the sandbox page says where they come from)."
        : $"Zoho rejected the client (invalid_client): either the client id or client secret is wrong, or the Zoho account is not in the " +
          $"{settings.DataCenter} data centre (token requested from {settings.AccountsUrl}; check the data centre setting).";

    private static ZohoApiException Throttled(ZohoConnectionSettings settings, DateTimeOffset until, int? status) => new(
        ZohoFailureKind.TokenThrottled,
        new ZohoRecordError(
            "Access Denied",
            $"The Zoho token endpoint {settings.AccountsUrl} throttled LeadSync (too many token requests); no new token is requested before {until:u}."),
        status is null ? null : (HttpStatusCode)status);

    /// <summary>§1.3: <c>expires_in</c> is seconds, except milliseconds when <c>expires_in_sec</c> is present.</summary>
    internal static TimeSpan Lifetime(JsonElement root)
    {
        static double? Number(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDouble(),
                JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            } : null;

        var expiresIn = Number(root, "expires_in");
        if (Number(root, "expires_in_sec") is { } seconds)
        {
            return expiresIn is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(seconds);
        }

        return expiresIn is { } s and > 0 ? TimeSpan.FromSeconds(s) : TimeSpan.FromHours(1);
    }

    private sealed record ThrottleState(string CredentialsKey, DateTimeOffset Until);
}
