using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Monitoring;

/// <summary>One sync run as the runs page lists it.</summary>
public sealed record SyncRunListItem(
    Guid Id,
    SyncRunKind Kind,
    SyncTrigger Trigger,
    string InstanceId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Created,
    int Updated,
    int Deleted,
    int Unchanged,
    int Conflicts,
    int Failed,
    int ApiCalls,
    int Credits,
    string? Error)
{
    public SyncRunOutcome Outcome => FinishedAt is null ? SyncRunOutcome.Running
        : Error is not null ? SyncRunOutcome.Failed
        : Failed > 0 ? SyncRunOutcome.PartlyFailed
        : SyncRunOutcome.Succeeded;

    /// <summary>Records the run changed (created, updated or deleted).</summary>
    public int Synced => Created + Updated + Deleted;

    public TimeSpan? Duration => FinishedAt - StartedAt;
}
