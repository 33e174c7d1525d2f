using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Runs;

namespace LeadSync.Core.Sync.Pull;

/// <summary>What applying pulled records did, added to the run once the page is saved.</summary>
internal sealed class PullTally
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Conflicts { get; set; }

    public int Failed { get; set; }

    public bool NeedsPush { get; set; }

    public List<(Guid Id, SyncState? State)> Changed { get; } = [];

    public void AddTo(SyncRunContext run)
    {
        run.AddCreated(Created);
        run.AddUpdated(Updated);
        run.AddUnchanged(Unchanged);
        run.AddConflicts(Conflicts);
        run.AddFailed(Failed);
    }
}
