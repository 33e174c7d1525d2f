namespace LeadSync.Core.Security;

/// <summary>
/// An API key for automation. Only the SHA-256 of the key is stored; <see cref="Prefix"/> (the first characters of
/// the key) lets an admin tell keys apart without revealing them.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the key is for, e.g. "Nightly import".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The visible start of the key (<c>lsk_</c> and 8 characters).</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The admin who created it (their email).</summary>
    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
