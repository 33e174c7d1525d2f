using Coravel.Invocable;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Jobs;

/// <summary>While Zoho refuses our credentials: a cheap token check every <c>Sync:AuthProbeInterval</c>; resumes when it passes.</summary>
public sealed class ProbeZohoAuthorizationJob(SyncService sync, EngineStateTracker engine) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        if (engine.IsUnauthorized)
        {
            await sync.ResumeAsync(CancellationToken);
        }
    }
}
