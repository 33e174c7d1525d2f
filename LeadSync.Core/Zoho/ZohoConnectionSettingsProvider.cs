using Microsoft.Extensions.Options;

namespace LeadSync.Core.Zoho;

/// <summary>
/// Resolves the connection: database overrides win over configuration, and <see cref="ZohoEffectiveMode"/> decides the
/// mode. Sandbox mode uses the address of the Zoho endpoint the host serves itself and the credentials it accepts
/// (<see cref="IBuiltInZohoEndpoint"/>); Live mode uses the data centre's hosts (§1.1) unless
/// <c>AccountsUrl</c>/<c>ApiBaseUrl</c> override them.
/// </summary>
internal sealed class ZohoConnectionSettingsProvider(
    IOptionsMonitor<ZohoOptions> options,
    ZohoSettingsStore store,
    IBuiltInZohoEndpoint builtIn) : IZohoConnectionSettingsProvider
{
    /// <summary>The org id uploads send to the built-in endpoint (§6.2 <c>X-CRM-ORG</c>).</summary>
    public const string SandboxOrgId = "1";

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
            var address = BuiltInZohoAddress().ToString().TrimEnd('/');
            var credentials = await builtIn.GetCredentialsAsync(cancellationToken);
            return new ZohoConnectionSettings(
                ZohoMode.Sandbox, dataCenter, address, address, null,
                credentials?.ClientId ?? "", credentials?.ClientSecret ?? "", credentials?.RefreshToken ?? "", o.ApiVersion)
            {
                OrgId = SandboxOrgId, // the built-in endpoint is one org: uploads name it without asking Zoho's org API
            };
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
            o.ApiVersion)
        {
            FileBase = string.IsNullOrWhiteSpace(o.FileUrl) ? ZohoDataCenters.FileUrl(dataCenter) : o.FileUrl.TrimEnd('/'),
            OrgId = string.IsNullOrWhiteSpace(o.OrgId) ? null : o.OrgId,
        };
    }

    /// <summary>
    /// The built-in endpoint's Zoho address. Until the host listens it is unknown: that is a passing condition (the
    /// engine backs off and retries in seconds), not a failure of the records.
    /// </summary>
    private Uri BuiltInZohoAddress()
    {
        try
        {
            return builtIn.GetZohoAddress();
        }
        catch (InvalidOperationException ex)
        {
            throw new ZohoApiException(ZohoFailureKind.Transient, new ZohoRecordError("SANDBOX_NOT_LISTENING", ex.Message), null, ex);
        }
    }
}
