using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Security;

/// <summary>
/// Creates, lists, revokes and checks API keys. A key is <c>lsk_</c> + 32 random bytes (base64url); only its SHA-256
/// is stored, so a database leak does not leak usable keys. The key itself is returned once, at creation.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<LeadSyncDbContext> contexts, TimeProvider clock)
{
    public const string KeyPrefix = "lsk_";
    public const int NameMaxLength = 100;
    private const int VisiblePrefixLength = 12;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string name, string createdBy, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new LeadValidationException([new ValidationFailure("Name", "required", "Name is required (say what the key is for).")]);
        }

        if (trimmed.Length > NameMaxLength || trimmed.Any(char.IsControl))
        {
            throw new LeadValidationException([new ValidationFailure("Name", "maxLength",
                $"Name must be at most {NameMaxLength} characters, without line breaks.")]);
        }

        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiKey
        {
            Name = trimmed,
            Prefix = key[..VisiblePrefixLength],
            Hash = HashOf(key),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<ApiKey>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(ToInfo(entity), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.Set<ApiKey>().AsNoTracking().ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt).Select(ToInfo).ToList();
    }

    /// <summary>Revokes a key at once; returns false when it does not exist or was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, string revokedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = revokedBy;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks a presented key against the stored (unrevoked) keys and the optional bootstrap key from configuration.
    /// Returns null for anything else.
    /// </summary>
    public async Task<ApiKeyIdentity?> ValidateAsync(string? presented, string? bootstrapKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(bootstrapKey) && FixedTimeEquals(presented, bootstrapKey))
        {
            return new ApiKeyIdentity(null, "Bootstrap key (configuration)", "bootstrap");
        }

        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = HashOf(presented);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.Name, key.Prefix);
    }

    /// <summary>Lower-case hex SHA-256 of a key.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static ApiKeyInfo ToInfo(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy);
}
