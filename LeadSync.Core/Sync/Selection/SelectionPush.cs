using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Selection;

/// <summary>
/// "Push" and "Retry failed" on a whole selection ("all N matching" up to a million leads): the run starts at once and,
/// in the background, the selection is read a chunk at a time (<see cref="LeadSelectionReader"/>), each chunk queued or
/// retried through <see cref="LeadSyncTransitions"/> before the next is read, its entries reserved for the run
/// (<see cref="OutboxReservation"/>: no sweep takes them meanwhile); then the run drains the outbox. No list
/// of all the selected ids is ever held. The console follows the run like any push run.
/// </summary>
public sealed partial class SelectionPush(
    IDbContextFactory<LeadSyncDbContext> contexts,
    LeadSelectionReader reader,
    OutboxProcessor processor,
    OutboxClaimer claimer,
    SyncRunRecorder runs,
    SyncBackgroundRunner background,
    SqliteWriteGate writeGate,
    ISyncEventSink events,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<SelectionPush> logger)
{
    /// <summary>Pushes every selected lead (queued entries due now, others queued, held leads left); returns the push run.</summary>
    public async Task<Guid> PushAsync(LeadSelection selection, SyncTrigger trigger, CancellationToken cancellationToken = default)
    {
        var snapshot = Snapshot(selection);
        var run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
        background.Run(token => ChunksThenDrainAsync(run, snapshot, (db, ids, t) => QueueAsync(db, run, ids, t), reserved: true, token));
        return run.RunId;
    }

    /// <summary>Retries the failed and dead-lettered pushes of every selected lead; returns the push run.</summary>
    public async Task<Guid> RetryFailedAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        var snapshot = Snapshot(selection);
        var run = await runs.StartAsync(SyncRunKind.Push, SyncTrigger.Manual, cancellationToken);
        background.Run(token => ChunksThenDrainAsync(run, snapshot, (db, ids, t) => RetryAsync(db, run, ids, t), reserved: true, token));
        return run.RunId;
    }

    /// <summary>One chunk of a retry: its failed entries start afresh, kept for the run (so no sweep takes them meanwhile).</summary>
    private Task RetryAsync(LeadSyncDbContext db, SyncRunContext run, List<Guid> ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return LeadSyncTransitions.RetryFailedAsync(db, ids, now, cancellationToken, new OutboxReservation(run.RunId, now + options.CurrentValue.ClaimLease * 5));
    }

    private LeadSelectionSnapshot Snapshot(LeadSelection selection) =>
        new(selection, clock.GetUtcNow(), options.CurrentValue.SelectionChunk);

    /// <summary>Deals with each chunk, then drains; a failure or a stop while chunking ends the run (and its reservation).</summary>
    private async Task ChunksThenDrainAsync(
        SyncRunContext run, LeadSelectionSnapshot snapshot, Func<LeadSyncDbContext, List<Guid>, CancellationToken, Task> act, bool reserved, CancellationToken cancellationToken)
    {
        var renewedAt = snapshot.StartedAt;
        try
        {
            await foreach (var chunk in reader.ReadAsync(snapshot, cancellationToken: cancellationToken))
            {
                var ids = chunk.Select(l => l.Id).ToList();
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                using (await writeGate.EnterAsync(db, cancellationToken)) // in turn with the engine's writes on SQLite
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken)) // a chunk is done whole or not at all
                {
                    await act(db, ids, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                renewedAt = await RenewAsync(run, renewedAt, cancellationToken); // outside the write gate: the claimer enters it
                events.Publish(new LeadsChanged(clock.GetUtcNow(), instance.Id, ids.Count, run.RunId));
                runs.Progress(run);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await claimer.EndReservationAsync(run.RunId);
            await runs.InterruptedAsync(run);
            throw;
        }
        catch (Exception ex)
        {
            LogSelectionFailed(ex, run.RunId);
            await claimer.EndReservationAsync(run.RunId);
            await runs.FinishAsync(run, SyncError.Clip(ex.Message));
            return;
        }

        await processor.DrainAsync(run.Trigger, run, cancellationToken, reserved);
    }

    /// <summary>One chunk of a push: kept as the run's selection and queued for the run.</summary>
    private async Task QueueAsync(LeadSyncDbContext db, SyncRunContext run, List<Guid> ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var source = run.Trigger == SyncTrigger.Bulk ? ChangeSource.Bulk : ChangeSource.Manual;
        await BulkPushSelection.RecordAsync(db, run.RunId, ids, cancellationToken);
        await LeadSyncTransitions.QueueManyAsync(
            db, d => d.Leads.Where(l => ids.Contains(l.Id)), source, now, cancellationToken, new OutboxReservation(run.RunId, now + options.CurrentValue.ClaimLease * 5));
    }

    /// <summary>
    /// Keeps the entries reserved by the earlier chunks for the run once a claim lease has passed since
    /// <paramref name="renewedAt"/>; returns when the reservation was last renewed.
    /// </summary>
    private async Task<DateTimeOffset> RenewAsync(SyncRunContext run, DateTimeOffset renewedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = options.CurrentValue.ClaimLease;
        if (now - renewedAt < lease)
        {
            return renewedAt;
        }

        await claimer.RenewReservationAsync(run.RunId, now + lease * 5, cancellationToken);
        return now;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} stopped while reading its selection")]
    private partial void LogSelectionFailed(Exception exception, Guid runId);
}
