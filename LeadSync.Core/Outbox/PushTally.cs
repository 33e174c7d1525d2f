using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Outbox;

/// <summary>What applying push outcomes did, added to the run once the batch is saved.</summary>
internal sealed class PushTally
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Deleted { get; set; }

    public int Failed { get; set; }

    public int Unchanged { get; set; }

    public void AddTo(SyncRunContext run)
    {
        run.AddCreated(Created);
        run.AddUpdated(Updated);
        run.AddDeleted(Deleted);
        run.AddFailed(Failed);
        run.AddUnchanged(Unchanged);
    }
}
