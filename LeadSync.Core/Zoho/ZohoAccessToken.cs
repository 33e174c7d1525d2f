namespace LeadSync.Core.Zoho;

/// <summary>An access token in memory. <see cref="ToString"/> never prints the token.</summary>
internal sealed record ZohoAccessToken(string Token, DateTimeOffset ExpiresAt, string? ApiDomain, string CredentialsKey)
{
    public override string ToString() => $"Zoho access token (expires {ExpiresAt:O}, api {ApiDomain})";
}
