using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Monitoring;

/// <summary>What one run did to one lead; <see cref="LeadName"/> is null when the lead no longer exists.</summary>
public sealed record SyncRunEventItem(
    long Id,
    Guid LeadId,
    string? LeadName,
    DateTimeOffset At,
    SyncDirection Direction,
    LeadHistoryOutcome Outcome,
    string? Changes,
    string? ErrorCode,
    string? ErrorMessage);
