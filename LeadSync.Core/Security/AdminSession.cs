namespace LeadSync.Core.Security;

/// <summary>
/// One signed-in console session, kept server-side: the browser's cookie holds only a random key, this row holds the
/// sign-in (serialized authentication ticket). Signing out deletes the row, so a copy of the cookie taken before opens
/// nothing afterwards. Only the SHA-256 of the key is stored.
/// </summary>
public sealed class AdminSession
{
    public const int IdLength = 64;

    /// <summary>Lower-case hex SHA-256 of the session key in the cookie.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The Identity user the session belongs to.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The serialized authentication ticket (claims and cookie properties; no password, no token).</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
