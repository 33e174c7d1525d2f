using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The one decision of which Zoho LeadSync talks to, used by the engine and by the built-in Zoho endpoint alike: the mode
/// saved on the Settings page, else <c>Zoho:Mode</c>, else Live when all three Live credentials are set (database or
/// configuration), else Sandbox. Read through the settings store's short cache, so a change applies within seconds
/// (at once in the instance that saved it).
/// </summary>
public sealed class ZohoEffectiveMode(IOptionsMonitor<ZohoOptions> options, ZohoSettingsStore store)
{
    public async ValueTask<ZohoMode> GetAsync(CancellationToken cancellationToken = default) =>
        Decide(await store.GetAsync(cancellationToken), options.CurrentValue);

    public static ZohoMode Decide(ZohoConnectionOverrides stored, ZohoOptions configured)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(configured);
        var liveCredentials = !string.IsNullOrWhiteSpace(stored.ClientId ?? configured.ClientId)
            && !string.IsNullOrWhiteSpace(stored.ClientSecret ?? configured.ClientSecret)
            && !string.IsNullOrWhiteSpace(stored.RefreshToken ?? configured.RefreshToken);
        return stored.Mode ?? configured.Mode ?? (liveCredentials ? ZohoMode.Live : ZohoMode.Sandbox);
    }
}
