using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Resolves the connection: database overrides win over configuration, and <see cref="ZohoEffectiveMode"/> decides the
/// mode. Sandbox mode uses the built-in sandbox's own address and the credentials it accepts; Live mode uses the data
/// centre's hosts (§1.1) unless <c>AccountsUrl</c>/<c>ApiBaseUrl</c> override them.
/// </summary>
internal sealed class ZohoConnectionSettingsProvider(
    IOptionsMonitor<ZohoOptions> options,
    ZohoSettingsStore store,
    IZohoSandboxEndpoint sandbox) : IZohoConnectionSettingsProvider
{
    public async ValueTask<ZohoConnectionSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var db = await store.GetAsync(cancellationToken);
        var clientId = db.ClientId ?? o.ClientId;
        var clientSecret = db.ClientSecret ?? o.ClientSecret;
        var refreshToken = db.RefreshToken ?? o.RefreshToken;
        var mode = ZohoEffectiveMode.Decide(db, o);
        var dataCenter = db.DataCenter ?? o.DataCenter;

        if (mode == ZohoMode.Sandbox)
        {
            var address = new Uri(SandboxBaseAddress(), "sandbox/zoho").ToString().TrimEnd('/');
            var credentials = await sandbox.GetCredentialsAsync(cancellationToken);
            return new ZohoConnectionSettings(
                ZohoMode.Sandbox, dataCenter, address, address, null,
                credentials?.ClientId ?? "", credentials?.ClientSecret ?? "", credentials?.RefreshToken ?? "", o.ApiVersion);
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
            return sandbox.GetBaseAddress();
        }
        catch (InvalidOperationException ex)
        {
            throw new ZohoApiException(ZohoFailureKind.Transient, new ZohoRecordError("SANDBOX_NOT_LISTENING", ex.Message), null, ex);
        }
    }
}
