using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Resolves the connection: database overrides win over configuration. Sandbox mode uses exactly the
/// <c>Sandbox:*</c> credentials and the app's own <c>/sandbox/zoho</c> endpoints; Live mode uses the data centre's
/// hosts (§1.1) unless <c>AccountsUrl</c>/<c>ApiBaseUrl</c> override them.
/// </summary>
internal sealed class ZohoConnectionSettingsProvider(
    IOptionsMonitor<ZohoOptions> options,
    IOptionsMonitor<ZohoSandboxCredentials> sandboxCredentials,
    ZohoSettingsStore store,
    IZohoSandboxAddress sandboxAddress) : IZohoConnectionSettingsProvider
{
    public async ValueTask<ZohoConnectionSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var db = await store.GetAsync(cancellationToken);
        var clientId = db.ClientId ?? o.ClientId;
        var clientSecret = db.ClientSecret ?? o.ClientSecret;
        var refreshToken = db.RefreshToken ?? o.RefreshToken;
        var liveCredentials = !string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrWhiteSpace(clientSecret) && !string.IsNullOrWhiteSpace(refreshToken);
        var mode = db.Mode ?? o.Mode ?? (liveCredentials ? ZohoMode.Live : ZohoMode.Sandbox);
        var dataCenter = db.DataCenter ?? o.DataCenter;

        if (mode == ZohoMode.Sandbox)
        {
            var sandbox = new Uri(SandboxBaseAddress(), "sandbox/zoho").ToString().TrimEnd('/');
            var credentials = sandboxCredentials.CurrentValue;
            return new ZohoConnectionSettings(
                ZohoMode.Sandbox, dataCenter, sandbox, sandbox, null,
                credentials.ClientId ?? "", credentials.ClientSecret ?? "", credentials.RefreshToken ?? "", o.ApiVersion);
        }

        return new ZohoConnectionSettings(
            ZohoMode.Live,
            dataCenter,
            string.IsNullOrWhiteSpace(o.AccountsUrl) ? ZohoDataCenters.AccountsUrl(dataCenter) : o.AccountsUrl.TrimEnd('/'),
            ZohoDataCenters.ApiUrl(dataCenter),
            string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? null : o.ApiBaseUrl.TrimEnd('/'),
            clientId ?? "",
            clientSecret ?? "",
            refreshToken ?? "",
            o.ApiVersion);
    }

    /// <summary>
    /// The built-in sandbox's address. Until the web server listens it is unknown: that is a passing condition (the
    /// engine backs off and retries in seconds), not a failure of the records.
    /// </summary>
    private Uri SandboxBaseAddress()
    {
        try
        {
            return sandboxAddress.GetBaseAddress();
        }
        catch (InvalidOperationException ex)
        {
            throw new ZohoApiException(ZohoFailureKind.Transient, new ZohoRecordError("SANDBOX_NOT_LISTENING", ex.Message), null, ex);
        }
    }
}
