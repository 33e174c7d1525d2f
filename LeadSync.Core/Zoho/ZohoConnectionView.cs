namespace LeadSync.Core.Zoho;

/// <summary>
/// The Zoho connection as the Settings page shows it. Secrets are never carried: only whether each one is set.
/// </summary>
public sealed record ZohoConnectionView(
    ZohoMode Mode,
    ZohoDataCenter DataCenter,
    string? ClientId,
    bool ClientSecretSet,
    bool RefreshTokenSet,
    string AccountsUrl);
