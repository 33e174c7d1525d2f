using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;

namespace LeadSync.Web.Realtime;

/// <summary>
/// A run as the live console shows it: progress so far and, once finished, its outcome; <see cref="Trigger"/> (null when
/// the run's start was not seen) tells a person's run from a background one.
/// </summary>
public sealed record LiveRun(
    Guid RunId,
    SyncRunKind Kind,
    string InstanceId,
    DateTimeOffset StartedAt,
    int Processed,
    SyncRunCounts? Counts,
    bool Finished,
    string? Error,
    SyncTrigger? Trigger = null)
{
    /// <summary>Started by a person (console or API), not by the schedule, a notification or a lead change.</summary>
    public bool IsPersonStarted => Trigger is SyncTrigger.Manual or SyncTrigger.Bulk;

    /// <summary>A bulk push's own progress (rows uploaded, Zoho's state, rows applied), when the run is one.</summary>
    public BulkWriteProgress? Bulk { get; init; }
}
