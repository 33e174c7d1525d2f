namespace LeadSync.Core.Api;

/// <summary>What <see cref="IdempotencyStore.ClaimAsync"/> found for a key.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>The key is new (or its earlier run died): run the request, then complete or release the claim.</summary>
    Run,

    /// <summary>The request ran already: answer with its stored response.</summary>
    Replay,

    /// <summary>The same key is running right now in another request.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

/// <summary>The outcome of claiming a key; <see cref="Record"/> holds the stored answer for a replay.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, IdempotencyRecord? Record = null);
