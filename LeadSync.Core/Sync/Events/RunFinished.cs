using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Sync.Events;

/// <summary>A run ended; <paramref name="Error"/> is set when it stopped early.</summary>
public sealed record RunFinished(DateTimeOffset At, string InstanceId, Guid RunId, SyncRunKind Kind, SyncRunCounts Counts, string? Error)
    : SyncEvent(At, InstanceId);
