namespace LeadSync.Core.Zoho;

/// <summary>A Zoho OAuth client and its refresh token (§1.3). <see cref="ToString"/> never prints the secret or the token.</summary>
public sealed record ZohoClientCredentials(string ClientId, string ClientSecret, string RefreshToken)
{
    public override string ToString() => $"client {ClientId} (secret and refresh token hidden)";
}
