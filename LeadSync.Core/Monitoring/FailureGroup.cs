using LeadSync.Core.Sync;

namespace LeadSync.Core.Monitoring;

/// <summary>
/// Failed leads sharing one Zoho error code and field: how many, how many of them are dead-lettered, one of their
/// messages (they normally say the same thing), and what to do about it (<see cref="SyncErrorAdvice"/>).
/// </summary>
public sealed record FailureGroup(string Code, string? Field, string Message, int Count, int DeadLettered, DateTimeOffset LastUpdatedAt)
{
    /// <summary>What a person can do about this error, or null when Zoho's message is all there is.</summary>
    public string? Advice => SyncErrorAdvice.For(Code, Field);
}
