using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's Zoho Accounts (§1.3–§1.5): checks client credentials and the one refresh token, throttles token requests
/// per 10 minutes, mints access tokens (at most 15 active; the oldest is invalidated), validates and revokes them.
/// Only SHA-256 hashes of access tokens are kept; no token or secret is ever logged.
/// </summary>
public sealed class SandboxTokenService(
    IOptions<ZohoSandboxOptions> options,
    SandboxCredentialStore credentials,
    SandboxDatabase database,
    SandboxFaultInjector faults,
    TimeProvider timeProvider)
{
    private const string RevokedFlag = "refresh_token_revoked";
    private static readonly TimeSpan ThrottleWindow = TimeSpan.FromMinutes(10);
    private readonly Lock gate = new();
    private readonly List<(string Hash, DateTimeOffset Issued, DateTimeOffset Expires)> active = [];
    private readonly Queue<DateTimeOffset> requests = new();
    private bool refreshTokenRevoked;
    private int tokenRequests;

    /// <summary>Token requests received since start (granted or not), for tests and the control API.</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public bool IsRefreshTokenRevoked
    {
        get
        {
            lock (gate)
            {
                return refreshTokenRevoked;
            }
        }
    }

    public int ActiveAccessTokenCount
    {
        get
        {
            var now = timeProvider.GetUtcNow();
            lock (gate)
            {
                return active.Count(t => t.Expires > now);
            }
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tokens = await database.LoadTokensAsync(cancellationToken);
        var revoked = await database.GetFlagAsync(RevokedFlag, cancellationToken) == "true";
        lock (gate)
        {
            active.Clear();
            active.AddRange(tokens);
            refreshTokenRevoked = revoked;
        }
    }

    /// <summary>The refresh-token grant (§1.3).</summary>
    public async Task<SandboxTokenOutcome> RefreshAsync(
        string? grantType, string? clientId, string? clientSecret, string? refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref tokenRequests);
        var accepted = await credentials.GetAsync(cancellationToken);
        if (!SecretEquals(clientId, accepted.ClientId) || !SecretEquals(clientSecret, accepted.ClientSecret))
        {
            return Fail("invalid_client");
        }

        if (!string.Equals(grantType, "refresh_token", StringComparison.Ordinal))
        {
            return Fail(grantType == "authorization_code" ? "invalid_code" : "unsupported_grant_type");
        }

        var (outcome, snapshot) = Mint(refreshToken, accepted.RefreshToken);
        if (snapshot is not null)
        {
            await database.SaveTokensAsync(snapshot, cancellationToken);
        }

        return outcome;
    }

    /// <summary>True when the access token is active (minted here, not expired, not revoked or displaced).</summary>
    public bool IsValid(string accessToken)
    {
        var hash = Hash(accessToken);
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            return active.Exists(t => t.Hash == hash && t.Expires > now);
        }
    }

    /// <summary>
    /// <c>POST /oauth/v2/token/revoke?token=</c> (§1.5): revoking the refresh token also kills its access tokens. Unlike
    /// Zoho, the sandbox also wants the client's id and secret, so knowing a token is not enough to stop the sync.
    /// </summary>
    public async Task<SandboxRevokeOutcome> RevokeAsync(string? clientId, string? clientSecret, string? token, CancellationToken cancellationToken)
    {
        var accepted = await credentials.GetAsync(cancellationToken);
        if (!SecretEquals(clientId, accepted.ClientId) || !SecretEquals(clientSecret, accepted.ClientSecret))
        {
            return SandboxRevokeOutcome.InvalidClient;
        }

        if (string.IsNullOrEmpty(token))
        {
            return SandboxRevokeOutcome.UnknownToken;
        }

        if (SecretEquals(token, accepted.RefreshToken))
        {
            await SetRefreshTokenRevokedAsync(true, cancellationToken);
            return SandboxRevokeOutcome.Revoked;
        }

        var hash = Hash(token);
        List<(string, DateTimeOffset, DateTimeOffset)> snapshot;
        lock (gate)
        {
            if (active.RemoveAll(t => t.Hash == hash) == 0)
            {
                return SandboxRevokeOutcome.UnknownToken;
            }

            snapshot = [.. active];
        }

        await database.SaveTokensAsync(snapshot, cancellationToken);
        return SandboxRevokeOutcome.Revoked;
    }

    /// <summary>Control: revokes (true) or restores (false) the refresh token. Revoking drops every access token (§1.4).</summary>
    public async Task SetRefreshTokenRevokedAsync(bool revoked, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            refreshTokenRevoked = revoked;
            if (revoked)
            {
                active.Clear();
            }
        }

        await database.SetFlagAsync(RevokedFlag, revoked ? "true" : "false", cancellationToken);
        if (revoked)
        {
            await database.SaveTokensAsync([], cancellationToken);
        }
    }

    /// <summary>Control: invalidates every access token now (as if they all expired).</summary>
    public async Task ExpireAccessTokensAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            active.Clear();
        }

        await database.SaveTokensAsync([], cancellationToken);
    }

    /// <summary>Control: forgets the token-request history, lifting a throttle.</summary>
    public void ResetThrottle()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    /// <summary>
    /// Under the lock: checks the refresh token and the throttle, then mints an access token (the oldest active one
    /// displaced beyond the limit); the active tokens to save when one was minted.
    /// </summary>
    private (SandboxTokenOutcome Outcome, List<(string, DateTimeOffset, DateTimeOffset)>? Snapshot) Mint(string? refreshToken, string acceptedRefreshToken)
    {
        var o = options.Value;
        lock (gate)
        {
            if (refreshTokenRevoked || !SecretEquals(refreshToken, acceptedRefreshToken))
            {
                return (Fail("invalid_code"), null);
            }

            var now = timeProvider.GetUtcNow();
            if (Throttled(now, o.TokenRequestsPer10Minutes))
            {
                return (Fail(SandboxTokenOutcome.Throttled), null);
            }

            var lifetime = faults.Current.AccessTokenLifetimeSeconds;
            var token = $"1000.{RandomNumberGenerator.GetHexString(32, lowercase: true)}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
            active.RemoveAll(t => t.Expires <= now);
            active.Add((Hash(token), now, now.AddSeconds(lifetime)));
            while (active.Count > o.MaxActiveAccessTokens)
            {
                active.RemoveAt(0);
            }

            return (new SandboxTokenOutcome(token, lifetime, null), [.. active]);
        }
    }

    /// <summary>Counts this token request and tells whether it is over the limit for the last 10 minutes (call under the lock).</summary>
    private bool Throttled(DateTimeOffset now, int limit)
    {
        while (requests.Count > 0 && requests.Peek() <= now - ThrottleWindow)
        {
            requests.Dequeue();
        }

        // Every attempt counts, denied ones too: retrying while throttled prolongs the lockout (§1.3).
        requests.Enqueue(now);
        return requests.Count > limit;
    }

    private static SandboxTokenOutcome Fail(string error) => new(null, 0, error);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool SecretEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
