namespace LeadSync.Core.Zoho;

/// <summary>
/// The current Zoho access token, persisted so restarts and other instances reuse it instead of minting new ones
/// (§1.4: 10 per 10 minutes per refresh token). <see cref="ProtectedPayload"/> is the token, its <c>api_domain</c> and
/// when it was obtained (older rows lack it: <see cref="UpdatedAt"/> stands in), encrypted with Data Protection; the
/// row is keyed by the hash of the credentials it was minted for.
/// </summary>
public sealed class ZohoStoredToken
{
    public const int CredentialsKeyLength = 64;

    /// <summary><see cref="ZohoConnectionSettings.CredentialsKey"/> of the credentials that minted the token.</summary>
    public string CredentialsKey { get; set; } = "";

    public string ProtectedPayload { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
