namespace LeadSync.Core.Api;

/// <summary>
/// One request sent with an <c>Idempotency-Key</c>: who sent it (the API key), a hash of what it asked, and — once it
/// ran — the answer it got, which a retry with the same key and request gets again instead of running it twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 200;
    public const int ScopeMaxLength = 100;

    public long Id { get; set; }

    /// <summary>Whose key it is (the API key's id): two callers' keys never meet.</summary>
    public string Scope { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of the method, path and body, hex: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>Null while the request runs.</summary>
    public int? StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
