using LeadSync.Core.Sync.Events;

namespace LeadSync.Core.Sync;

/// <summary>
/// The engine at a glance: state, last pull, queue depth, dead letters, conflicts and errors. The queue depth and the
/// dead letters are counted up to <see cref="Outbox.OutboxCounts.Limit"/> + 1 (that number means "more than 10,000").
/// </summary>
public sealed record SyncOverview(
    EngineState State,
    string? Detail,
    int PushingCount,
    DateTimeOffset? LastPullAt,
    int QueueDepth,
    int DeadLetters,
    int Conflicts,
    int Errors,
    string InstanceId,
    DateTimeOffset? RetryAt = null);
