namespace LeadSync.Core.Zoho;

/// <summary>An access token in memory. <see cref="ToString"/> never prints the token.</summary>
/// <param name="ObtainedAt">When it was minted: with <see cref="ExpiresAt"/> it gives the token's own lifetime.</param>
internal sealed record ZohoAccessToken(string Token, DateTimeOffset ExpiresAt, string? ApiDomain, string CredentialsKey, DateTimeOffset ObtainedAt)
{
    /// <summary>
    /// When to stop using it and mint the next one: <paramref name="margin"/> before expiry, but never more than a
    /// quarter of the token's lifetime, so a short-lived token is still used for three quarters of its life and token
    /// calls stay about one per lifetime (§1.4: 10 per 10 minutes).
    /// </summary>
    public DateTimeOffset RefreshAt(TimeSpan margin)
    {
        var lifetime = ExpiresAt - ObtainedAt;
        var quarter = lifetime > TimeSpan.Zero ? lifetime / 4 : TimeSpan.Zero;
        return ExpiresAt - (margin < quarter ? margin : quarter);
    }

    public override string ToString() => $"Zoho access token (expires {ExpiresAt:O}, api {ApiDomain})";
}
