using LeadSync.Core.Data;
using LeadSync.Core.Diagnostics;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// Writes <see cref="SyncRun"/> rows, publishes RunStarted / RunProgress / RunFinished, and opens and closes each run's
/// root span (<see cref="SyncTelemetry.StartRun"/>), whose trace id the row keeps.
/// </summary>
public sealed class SyncRunRecorder(
    IDbContextFactory<LeadSyncDbContext> contexts,
    ISyncEventSink events,
    SyncInstance instance,
    TimeProvider clock,
    LeadSyncMetrics metrics)
{
    /// <summary>What an interrupted run's <see cref="SyncRun.Error"/> says.</summary>
    public const string InterruptedMessage = "Interrupted: the application stopped before the run finished. Nothing is lost; the next run picks up what is left.";

    /// <summary>Longest <see cref="SyncRun.Note"/> kept.</summary>
    public const int NoteMaxLength = 2000;

    /// <summary>
    /// Adds <paramref name="note"/> to the run's <see cref="SyncRun.Note"/> at once (the console shows it while the run
    /// goes on), after any note it already has.
    /// </summary>
    public async Task NoteAsync(SyncRunContext run, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<SyncRun>().SingleAsync(r => r.Id == run.RunId, cancellationToken);
        var text = row.Note is null ? note : row.Note + " " + note;
        row.Note = text.Length > NoteMaxLength ? text[..NoteMaxLength] : text;
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new RunProgress(clock.GetUtcNow(), instance.Id, run.RunId, run.Kind, run.Processed, run.Counts));
    }

    public async Task<SyncRunContext> StartAsync(SyncRunKind kind, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = new SyncRun { Kind = kind, Trigger = trigger, InstanceId = instance.Id, StartedAt = clock.GetUtcNow() };
        var activity = SyncTelemetry.StartRun(kind, trigger, run.Id);
        run.TraceId = activity?.TraceId.ToHexString();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        events.Publish(new RunStarted(run.StartedAt, instance.Id, run.Id, kind, trigger));
        return new SyncRunContext(run.Id, kind, trigger) { Activity = activity };
    }

    public void Progress(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        events.Publish(new RunProgress(clock.GetUtcNow(), instance.Id, run.RunId, run.Kind, run.Processed, run.Counts));
    }

    /// <summary>A bulk push moved on: its counts with its own progress (<see cref="BulkWriteProgress"/>).</summary>
    public void Progress(SyncRunContext run, BulkWriteProgress bulk)
    {
        ArgumentNullException.ThrowIfNull(run);
        events.Publish(new RunProgress(clock.GetUtcNow(), instance.Id, run.RunId, run.Kind, run.Processed, run.Counts) { Bulk = bulk });
    }

    /// <summary>Stores the final tallies (even when the caller was cancelled) and publishes RunFinished.</summary>
    public Task FinishAsync(SyncRunContext run, string? error) => FinishAsync(run, error, interrupted: false);

    /// <summary>
    /// Stores the tallies of a run the application stopped before it finished: an Interrupted run, neither a success
    /// nor a failure of the sync.
    /// </summary>
    public Task InterruptedAsync(SyncRunContext run) => FinishAsync(run, InterruptedMessage, interrupted: true);

    private async Task FinishAsync(SyncRunContext run, string? error, bool interrupted)
    {
        ArgumentNullException.ThrowIfNull(run);
        var counts = run.Counts;
        var now = clock.GetUtcNow();
        SyncRunSpan.End(run.Activity, counts, error, interrupted); // before the row says finished: a reader of the row finds the trace complete
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            await db.Set<SyncRun>().Where(r => r.Id == run.RunId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Created, counts.Created)
                .SetProperty(r => r.Updated, counts.Updated)
                .SetProperty(r => r.Deleted, counts.Deleted)
                .SetProperty(r => r.Unchanged, counts.Unchanged)
                .SetProperty(r => r.Conflicts, counts.Conflicts)
                .SetProperty(r => r.Failed, counts.Failed)
                .SetProperty(r => r.ApiCalls, counts.ApiCalls)
                .SetProperty(r => r.Credits, counts.Credits)
                .SetProperty(r => r.Error, Truncate(error))
                .SetProperty(r => r.Interrupted, interrupted), CancellationToken.None);
        }

        events.Publish(new RunFinished(now, instance.Id, run.RunId, run.Kind, counts, error));
        RecordMetrics(run.Kind, counts, interrupted ? null : error);
        metrics.RecordRunDuration(run.Kind.ToString(), System.Diagnostics.Stopwatch.GetElapsedTime(run.StartedTimestamp));
    }

    /// <summary>Feeds the run's tallies into the <c>/metrics</c> counters.</summary>
    private void RecordMetrics(SyncRunKind kind, SyncRunCounts counts, string? error)
    {
        if (kind == SyncRunKind.Push)
        {
            Add(metrics.RecordPush, counts.Created + counts.Updated + counts.Deleted, "succeeded");
            Add(metrics.RecordPush, counts.Failed, "failed");
        }
        else
        {
            Add(metrics.RecordPull, counts.Created, "created");
            Add(metrics.RecordPull, counts.Updated, "updated");
            Add(metrics.RecordPull, counts.Deleted, "deleted");
            Add(metrics.RecordPull, counts.Conflicts, "conflict");
            Add(metrics.RecordPull, counts.Unchanged, "unchanged");
            Add(metrics.RecordPull, counts.Failed, "failed");
        }

        Add(metrics.RecordConflicts, counts.Conflicts, kind.ToString());
        Add(metrics.RecordCredits, counts.Credits, kind.ToString());
        if (error is not null)
        {
            metrics.RecordError("run_" + kind.ToString().ToLowerInvariant() + "_stopped");
        }
    }

    private static void Add(Action<long, string> record, long count, string label)
    {
        if (count > 0)
        {
            record(count, label);
        }
    }

    private static string? Truncate(string? value) => Leads.SyncError.Clip(value);
}
