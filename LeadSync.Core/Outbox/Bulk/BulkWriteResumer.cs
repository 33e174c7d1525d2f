using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Picks up Bulk Write jobs nobody follows any more (their instance stopped mid-job): each resumes from its saved state
/// under a new push run ("resumed"), so polling continues, a result is applied once, and a job whose create answer
/// may have been lost is never created again. Run at start and every few seconds by the schedule.
/// </summary>
public sealed class BulkWriteResumer(BulkWriteStore store, BulkWriteRunner runner, SyncRunRecorder runs, EngineStateTracker engine)
{
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (engine.IsUnauthorized)
        {
            return;
        }

        var jobs = await store.TakeAbandonedAsync(cancellationToken);
        if (jobs.Count == 0)
        {
            return;
        }

        SyncRunContext run;
        try
        {
            run = await runs.StartAsync(SyncRunKind.Push, SyncTrigger.Scheduled, cancellationToken);
        }
        catch
        {
            await LetGoAsync(jobs); // stopping before the runner's own let-go could
            throw;
        }

        var tally = new BulkPushTally(run, runs);
        string? error = null;
        try
        {
            await Task.WhenAll(jobs.Select(job =>
            {
                job.RunId = run.RunId;
                tally.JobAdded(job);
                return runner.RunAsync(job, tally, cancellationToken);
            }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = Leads.SyncError.Clip(ex.Message);
        }
        finally
        {
            await runs.FinishAsync(run, error);
        }
    }

    /// <summary>Lets go of jobs taken but not begun: otherwise they would wait out their follow lease (50 s by default).</summary>
    private async Task LetGoAsync(IReadOnlyList<BulkWriteJob> jobs)
    {
        try
        {
            await store.LetGoAsync(jobs);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or ObjectDisposedException)
        {
            // The database is gone with the host: the leases end by themselves.
        }
    }
}
