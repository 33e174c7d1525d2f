namespace LeadSync.ZohoSandbox;

/// <summary>What a revoke request did (§1.5).</summary>
public enum SandboxRevokeOutcome
{
    Revoked,

    /// <summary>The token is not one the sandbox issued (or already gone): <c>invalid_code</c>.</summary>
    UnknownToken,

    /// <summary>The client id or secret is missing or wrong: <c>invalid_client</c>.</summary>
    InvalidClient,
}
