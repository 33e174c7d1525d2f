using LeadSync.Core.Sync;

namespace LeadSync.Web.Api;

/// <summary>The engine at a glance (<c>GET /api/sync/status</c>).</summary>
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
