using System.Security.Cryptography;
using System.Text;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The connection the client uses for one call: configuration plus database overrides, resolved per call so a change
/// in the Settings page applies without restart. <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed record ZohoConnectionSettings(
    ZohoMode Mode,
    ZohoDataCenter DataCenter,
    string AccountsUrl,
    string DefaultApiUrl,
    string? ApiBaseUrlOverride,
    string ClientId,
    string ClientSecret,
    string RefreshToken,
    string ApiVersion)
{
    /// <summary>The token endpoint (§1.3).</summary>
    public string TokenUrl => AccountsUrl.TrimEnd('/') + "/oauth/v2/token";

    /// <summary>
    /// The file host Bulk Write uploads go to (§1.1, §6.2): the data centre's (<see cref="ZohoDataCenters.FileUrl"/>) in
    /// Live mode, the built-in endpoint's own address in Sandbox mode.
    /// </summary>
    public string FileBase { get; init; } = DefaultApiUrl.TrimEnd('/');

    /// <summary>The org id (<c>zgid</c>) sent as <c>X-CRM-ORG</c> on uploads, when configured (otherwise read from Zoho once).</summary>
    public string? OrgId { get; init; }

    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(RefreshToken);

    /// <summary>
    /// A hash of (accounts url, client id, refresh token, client secret): a stored access token is bound to it, so changing
    /// credentials never reuses a token minted for other ones.
    /// </summary>
    public string CredentialsKey { get; } = Hash(AccountsUrl, ClientId, RefreshToken, ClientSecret);

    /// <summary>Where API calls go: the override, else the token response's <c>api_domain</c>, else the data centre's host.</summary>
    public string ApiBase(string? apiDomain) =>
        (ApiBaseUrlOverride ?? (string.IsNullOrWhiteSpace(apiDomain) ? DefaultApiUrl : apiDomain)).TrimEnd('/');

    public override string ToString() =>
        $"Zoho {Mode} ({(Mode == ZohoMode.Live ? DataCenter.ToString() : "sandbox")}) accounts {AccountsUrl}, client {ClientId}, API {ApiVersion}";

    private static string Hash(string accountsUrl, string clientId, string refreshToken, string clientSecret)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', accountsUrl.TrimEnd('/'), clientId, refreshToken, clientSecret)));
        return Convert.ToHexStringLower(bytes);
    }
}
