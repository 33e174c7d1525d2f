namespace LeadSync.Core.Sync.Events;

/// <summary>
/// The engine's state changed: <paramref name="PushingCount"/> leads in flight, last pull, outbox depth; while rate
/// limited, <paramref name="RetryAt"/> is when the engine calls Zoho again.
/// </summary>
public sealed record EngineStateChanged(
    DateTimeOffset At,
    string InstanceId,
    EngineState State,
    int PushingCount,
    DateTimeOffset? LastPullAt,
    int PendingCount,
    string? Detail,
    DateTimeOffset? RetryAt = null) : SyncEvent(At, InstanceId);
