using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Monitoring;

/// <summary>Which runs to list: each criterion is optional; <see cref="From"/> inclusive, <see cref="To"/> exclusive (start time).</summary>
public sealed record SyncRunFilter(
    SyncRunKind? Kind = null,
    SyncTrigger? Trigger = null,
    SyncRunOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public static SyncRunFilter All { get; } = new();
}
