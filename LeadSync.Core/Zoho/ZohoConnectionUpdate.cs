namespace LeadSync.Core.Zoho;

/// <summary>
/// A change to the stored connection. <see cref="NewClientSecret"/> and <see cref="NewRefreshToken"/> replace the stored
/// secret when given; null keeps the current one. <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed record ZohoConnectionUpdate(
    ZohoMode Mode,
    ZohoDataCenter DataCenter,
    string? ClientId,
    string? NewClientSecret = null,
    string? NewRefreshToken = null)
{
    public override string ToString() =>
        $"Mode={Mode}, DataCenter={DataCenter}, ClientId={ClientId}, NewClientSecret={(NewClientSecret is null ? "(keep)" : "***")}, NewRefreshToken={(NewRefreshToken is null ? "(keep)" : "***")}";
}
