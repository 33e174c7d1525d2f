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
    string? Error,
    bool Interrupted,
    string? TraceId = null,
    string? Note = null)
{
    public SyncRunOutcome Outcome => OutcomeOf(FinishedAt, Interrupted, Error, Failed);

    /// <summary>Records the run changed (created, updated or deleted).</summary>
    public int Synced => Created + Updated + Deleted;

    public TimeSpan? Duration => FinishedAt - StartedAt;

    /// <summary>How a run with these values ended (the one rule; <see cref="SyncRunQueries"/> filters by the same in SQL).</summary>
    public static SyncRunOutcome OutcomeOf(DateTimeOffset? finishedAt, bool interrupted, string? error, int failed) =>
        finishedAt is null ? SyncRunOutcome.Running
        : interrupted ? SyncRunOutcome.Interrupted
        : error is not null ? SyncRunOutcome.Failed
        : failed > 0 ? SyncRunOutcome.PartlyFailed
        : SyncRunOutcome.Succeeded;
}
