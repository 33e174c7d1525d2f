using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.Runs;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>A bulk push's progress across its jobs (thread-safe), published as the run's <see cref="RunProgress.Bulk"/>.</summary>
public sealed class BulkPushTally(SyncRunContext run, SyncRunRecorder runs)
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, string?> zohoStates = [];
    private int rows;
    private int uploaded;
    private int applied;
    private int failed;

    public SyncRunContext Run => run;

    public void JobAdded(BulkWriteJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (gate)
        {
            zohoStates[job.Id] = job.ZohoState;
            rows += job.Rows;
            uploaded += job.RowsUploaded;
            applied += job.RowsApplied;
            failed += job.RowsFailed;
        }

        Publish();
    }

    public void Uploaded(int count) => Change(() => uploaded += count);

    public void Applied(int count, int failedCount) => Change(() =>
    {
        applied += count;
        failed += failedCount;
    });

    public void ZohoState(Guid jobId, string? state) => Change(() => zohoStates[jobId] = state);

    public BulkWriteProgress Snapshot()
    {
        lock (gate)
        {
            // The job furthest behind says where the push stands in Zoho.
            var behind = zohoStates.Values.Where(s => s is not null && s != "COMPLETED").Order(StringComparer.Ordinal).FirstOrDefault()
                ?? zohoStates.Values.LastOrDefault(s => s is not null);
            return new BulkWriteProgress(rows, uploaded, applied, failed, zohoStates.Count, behind);
        }
    }

    private void Change(Action change)
    {
        lock (gate)
        {
            change();
        }

        Publish();
    }

    private void Publish() => runs.Progress(run, Snapshot());
}
