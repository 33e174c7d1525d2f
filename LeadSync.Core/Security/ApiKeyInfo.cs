namespace LeadSync.Core.Security;

/// <summary>An API key as the settings page lists it: never the key itself.</summary>
public sealed record ApiKeyInfo(
    Guid Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;
}
