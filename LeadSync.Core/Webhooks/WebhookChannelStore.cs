using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Settings;

namespace LeadSync.Core.Webhooks;

/// <summary>
/// The watch channel in the settings table (token encrypted with Data Protection like the Zoho secrets), its last
/// renewal and last error. Checks a callback's channel id and token in constant time against a short in-memory copy,
/// re-reading the table on a mismatch (another instance may have re-enabled the channel) at most once a second.
/// </summary>
public sealed class WebhookChannelStore(SettingsStore settings, TimeProvider time) : IDisposable
{
    public const string ChannelIdKey = "WebhookChannel:ChannelId";
    public const string TokenKey = "WebhookChannel:Token";
    public const string NotifyUrlKey = "WebhookChannel:NotifyUrl";
    public const string ExpiryKey = "WebhookChannel:Expiry";
    public const string LastRenewedAtKey = "WebhookChannel:LastRenewedAt";
    public const string LastErrorKey = "WebhookChannel:LastError";
    public const string LastErrorAtKey = "WebhookChannel:LastErrorAt";

    private static readonly string[] Keys = [ChannelIdKey, TokenKey, NotifyUrlKey, ExpiryKey, LastRenewedAtKey, LastErrorKey, LastErrorAtKey];
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal) { TokenKey };
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReloadAtMostEvery = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim reload = new(1, 1);
    private volatile Cached? cache;

    /// <summary>The stored channel, or null when none was enabled yet.</summary>
    public async Task<WebhookChannel?> GetChannelAsync(CancellationToken cancellationToken = default)
    {
        var values = await settings.GetAsync(Keys, cancellationToken);
        var channel = ChannelFrom(values);
        cache = new Cached(channel, time.GetUtcNow());
        return channel;
    }

    /// <summary>The channel's state for display (no token).</summary>
    public async Task<WebhookChannelState> GetStateAsync(bool enabled, CancellationToken cancellationToken = default)
    {
        var values = await settings.GetAsync([ChannelIdKey, NotifyUrlKey, ExpiryKey, LastRenewedAtKey, LastErrorKey, LastErrorAtKey], cancellationToken);
        return new WebhookChannelState(enabled, values.GetValueOrDefault(ChannelIdKey), values.GetValueOrDefault(NotifyUrlKey), Time(values, ExpiryKey),
            Time(values, LastRenewedAtKey), values.GetValueOrDefault(LastErrorKey), Time(values, LastErrorAtKey));
    }

    /// <summary>Stores a newly enabled channel (clears the last error).</summary>
    public Task SaveEnabledAsync(WebhookChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = time.GetUtcNow();
        cache = new Cached(channel, now);
        return settings.SetAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ChannelIdKey] = channel.ChannelId,
            [TokenKey] = channel.Token,
            [NotifyUrlKey] = channel.NotifyUrl,
            [ExpiryKey] = Format(channel.Expiry),
            [LastRenewedAtKey] = Format(now),
            [LastErrorKey] = null,
            [LastErrorAtKey] = null,
        }, SecretKeys, cancellationToken);
    }

    /// <summary>Stores a renewal's new expiry (clears the last error).</summary>
    public Task SaveRenewedAsync(DateTimeOffset expiry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (cache?.Channel is { } channel)
        {
            cache = new Cached(channel with { Expiry = expiry }, now);
        }

        return settings.SetAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ExpiryKey] = Format(expiry),
            [LastRenewedAtKey] = Format(now),
            [LastErrorKey] = null,
            [LastErrorAtKey] = null,
        }, SecretKeys, cancellationToken);
    }

    /// <summary>Records why the channel could not be enabled or renewed (a message without secrets).</summary>
    public Task SaveErrorAsync(string error, CancellationToken cancellationToken = default) =>
        settings.SetAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LastErrorKey] = error.Length > 1000 ? error[..1000] : error,
            [LastErrorAtKey] = Format(time.GetUtcNow()),
        }, SecretKeys, cancellationToken);

    /// <summary>True when the callback names the stored channel and carries its token (compared in constant time).</summary>
    public async Task<bool> VerifyAsync(string? channelId, string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var cached = cache;
        if (cached is not null && cached.ReadAt + CacheFor > now && Matches(cached.Channel, channelId, token))
        {
            return true;
        }

        if (cached is not null && cached.ReadAt + ReloadAtMostEvery > now)
        {
            return false;
        }

        await reload.WaitAsync(cancellationToken);
        try
        {
            cached = cache;
            if (cached is null || cached.ReadAt + ReloadAtMostEvery <= time.GetUtcNow())
            {
                await GetChannelAsync(cancellationToken);
                cached = cache;
            }

            return Matches(cached?.Channel, channelId, token);
        }
        finally
        {
            reload.Release();
        }
    }

    public void Dispose() => reload.Dispose();

    private static bool Matches(WebhookChannel? channel, string channelId, string token) =>
        channel is not null & FixedTimeEquals(channel?.ChannelId ?? string.Empty, channelId) & FixedTimeEquals(channel?.Token ?? string.Empty, token);

    /// <summary>Hashes first, so neither the content nor the length of the stored value leaks through timing.</summary>
    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));

    private static WebhookChannel? ChannelFrom(IReadOnlyDictionary<string, string?> values) =>
        values.GetValueOrDefault(ChannelIdKey) is { Length: > 0 } id
        && values.GetValueOrDefault(TokenKey) is { Length: > 0 } token
        && values.GetValueOrDefault(NotifyUrlKey) is { Length: > 0 } url
        && Time(values, ExpiryKey) is { } expiry
            ? new WebhookChannel(id, url, token, expiry)
            : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string?> values, string key) =>
        values.GetValueOrDefault(key) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private sealed record Cached(WebhookChannel? Channel, DateTimeOffset ReadAt);
}
