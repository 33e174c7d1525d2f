using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LeadSync.ZohoSandbox;

/// <summary>Opaque page tokens (§2.2): bound to the listing's parameters and valid for 24 hours.</summary>
internal sealed class SandboxPageTokens(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, SandboxPageToken> tokens = new(StringComparer.Ordinal);
    private int issuedSinceSweep;

    public (string Token, DateTimeOffset Expires) Issue(string fingerprint, SandboxSortKey after, int served)
    {
        var now = timeProvider.GetUtcNow();
        if (Interlocked.Increment(ref issuedSinceSweep) >= 1000)
        {
            Interlocked.Exchange(ref issuedSinceSweep, 0);
            foreach (var (key, value) in tokens)
            {
                if (value.Expires <= now)
                {
                    tokens.TryRemove(key, out _);
                }
            }
        }

        var token = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var expires = now + Lifetime;
        tokens[token] = new SandboxPageToken(fingerprint, after, served, expires);
        return (token, expires);
    }

    public SandboxPageToken? Find(string token) => tokens.GetValueOrDefault(token);

    public bool IsExpired(SandboxPageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Expires <= timeProvider.GetUtcNow();
    }
}
