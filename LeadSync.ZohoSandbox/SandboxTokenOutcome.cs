namespace LeadSync.ZohoSandbox;

/// <summary>The result of a token request (§1.3): a fresh access token, or the Zoho Accounts <c>error</c> value.</summary>
public sealed record SandboxTokenOutcome(string? AccessToken, int ExpiresInSeconds, string? Error)
{
    /// <summary>Zoho Accounts' throttle error value ("Access Denied").</summary>
    public const string Throttled = "Access Denied";

    public bool Succeeded => AccessToken is not null;
}
