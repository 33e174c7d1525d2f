using LeadSync.Core.Settings;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The Zoho connection overrides stored in the settings table (mode, data centre, client id; client secret and
/// refresh token encrypted). Read through a short cache (<see cref="ZohoOptions.SettingsCacheDuration"/>); a save
/// in this process applies at once.
/// </summary>
public sealed class ZohoSettingsStore(SettingsStore settings, IOptionsMonitor<ZohoOptions> options, TimeProvider time)
{
    public const string ModeKey = "Zoho:Mode";
    public const string DataCenterKey = "Zoho:DataCenter";
    public const string ClientIdKey = "Zoho:ClientId";
    public const string ClientSecretKey = "Zoho:ClientSecret";
    public const string RefreshTokenKey = "Zoho:RefreshToken";

    private static readonly string[] Keys = [ModeKey, DataCenterKey, ClientIdKey, ClientSecretKey, RefreshTokenKey];
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal) { ClientSecretKey, RefreshTokenKey };

    private volatile CachedOverrides? cache;

    /// <summary>The stored overrides (cached briefly).</summary>
    public async ValueTask<ZohoConnectionOverrides> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cached = cache;
        if (cached is not null && cached.ReadAt + options.CurrentValue.SettingsCacheDuration > now)
        {
            return cached.Overrides;
        }

        var values = await settings.GetAsync(Keys, cancellationToken);
        var overrides = new ZohoConnectionOverrides
        {
            Mode = values.GetValueOrDefault(ModeKey) is { } mode && Enum.TryParse<ZohoMode>(mode, out var m) ? m : null,
            DataCenter = values.GetValueOrDefault(DataCenterKey) is { } dc && Enum.TryParse<ZohoDataCenter>(dc, out var d) ? d : null,
            ClientId = values.GetValueOrDefault(ClientIdKey),
            ClientSecret = values.GetValueOrDefault(ClientSecretKey),
            RefreshToken = values.GetValueOrDefault(RefreshTokenKey),
        };
        cache = new CachedOverrides(overrides, now);
        return overrides;
    }

    /// <summary>Replaces the stored overrides (a null property removes that override). Applies to the next call.</summary>
    public async Task SaveAsync(ZohoConnectionOverrides overrides, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ModeKey] = overrides.Mode?.ToString(),
            [DataCenterKey] = overrides.DataCenter?.ToString(),
            [ClientIdKey] = Blank(overrides.ClientId),
            [ClientSecretKey] = Blank(overrides.ClientSecret),
            [RefreshTokenKey] = Blank(overrides.RefreshToken),
        };
        await settings.SetAsync(values, SecretKeys, cancellationToken);
        cache = null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record CachedOverrides(ZohoConnectionOverrides Overrides, DateTimeOffset ReadAt);
}
