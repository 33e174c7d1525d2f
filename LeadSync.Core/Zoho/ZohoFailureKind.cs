namespace LeadSync.Core.Zoho;

/// <summary>How a failed Zoho call should be handled by its caller.</summary>
public enum ZohoFailureKind
{
    /// <summary>Retry later with backoff: 429, 5xx, timeouts, connection resets, lost responses.</summary>
    Transient,

    /// <summary>Retrying the same request will fail the same way (bad request, missing scope, invalid data).</summary>
    Permanent,

    /// <summary>The refresh token is revoked or invalid (<c>invalid_code</c>): stop and ask for a new one.</summary>
    RefreshTokenRevoked,

    /// <summary>Wrong client id/secret or wrong data centre (<c>invalid_client</c>).</summary>
    InvalidClient,

    /// <summary>The token endpoint throttled us (<c>Access Denied</c>): back off for minutes.</summary>
    TokenThrottled,

    /// <summary>The access token lacks a scope (<c>OAUTH_SCOPE_MISMATCH</c>).</summary>
    ScopeMismatch,

    /// <summary>A page-token chain reached Zoho's 100,000-record cap (<c>PAGINATION_LIMIT_EXCEEDED</c>).</summary>
    PaginationLimit,
}
