using LeadSync.Core.Sync;

namespace LeadSync.Web.Api;

/// <summary>
/// The engine at a glance (<c>GET /api/sync/status</c>). <c>queueDepth</c> and <c>deadLetters</c> are counted up to
/// 10,001: that value means "more than 10,000" (an exact count of a million-entry queue is not worth its cost).
/// </summary>
public sealed record SyncOverviewResponse(
    string State, string? Detail, int PushingCount, DateTimeOffset? LastPullAt, int QueueDepth, int DeadLetters, int Conflicts, int Errors, string InstanceId)
{
    public static SyncOverviewResponse From(SyncOverview status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.State.ToString(), status.Detail, status.PushingCount, status.LastPullAt, status.QueueDepth,
            status.DeadLetters, status.Conflicts, status.Errors, status.InstanceId);
    }
}
