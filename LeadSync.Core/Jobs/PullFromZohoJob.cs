using Coravel.Invocable;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Jobs;

/// <summary>Every <c>Sync:PullInterval</c>: pulls Zoho's changes unless a pull already runs (on any instance).</summary>
public sealed class PullFromZohoJob(LeadPuller puller) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => puller.PullIfIdleAsync(CancellationToken);
}
