using LeadSync.Core.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LeadSync.Web.Realtime;

/// <summary>
/// <c>/hubs/sync</c>: the sync event stream for clients other than the console's own pages (signed-in admins only).
/// Server→client messages are listed in <c>docs/realtime.md</c> and sent by <see cref="SyncHubBroadcaster"/>;
/// a client calls <see cref="GetStatus"/> after (re)connecting to catch up.
/// </summary>
[Authorize]
public sealed class SyncHub(SyncService sync) : Hub
{
    public const string Path = "/hubs/sync";

    /// <summary>The engine right now (state, last pull, queue depth, dead letters, conflicts, errors).</summary>
    public Task<SyncOverview> GetStatus() => sync.GetOverviewAsync(Context.ConnectionAborted);
}
