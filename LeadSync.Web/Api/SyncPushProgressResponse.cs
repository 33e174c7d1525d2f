using LeadSync.Core.Sync.Runs;

namespace LeadSync.Web.Api;

/// <summary>
/// <c>GET /api/sync/push/{runId}</c>: where each lead a push selected stands now (<see cref="BulkPushProgress"/>),
/// whichever run sent it; <see cref="Done"/> once none is queued; <see cref="Runs"/> are the push runs that sent them.
/// </summary>
public sealed record SyncPushProgressResponse(
    Guid RunId, DateTimeOffset StartedAt, bool RunFinished, int Selected, int Synced, int Queued, int Failed, int InConflict,
    int Deleted, bool Done, IReadOnlyList<Guid> Runs)
{
    public static SyncPushProgressResponse From(BulkPushProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.RunId, progress.StartedAt, progress.RunFinished, progress.Selected, progress.Synced, progress.Queued,
            progress.Failed, progress.InConflict, progress.Deleted, progress.IsDone, progress.Runs);
    }
}
