using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Selection;

/// <summary>
/// "Push" and "Retry failed" on a whole selection ("all N matching" up to a million leads): the run starts at once and,
/// in the background, the selection is read a chunk at a time (<see cref="LeadSelectionReader"/>), each chunk queued or
/// retried through <see cref="LeadSyncTransitions"/> before the next is read, its entries reserved for the run
/// (<see cref="OutboxReservation"/>: no sweep takes them meanwhile); then the run drains the outbox. No list
/// of all the selected ids is ever held. The console follows the run like any push run.
/// </summary>
public sealed class SelectionPush(
    IDbContextFactory<LeadSyncDbContext> contexts,
    LeadSelectionReader reader,
    OutboxProcessor processor,
    OutboxClaimer claimer,
    SyncRunRecorder runs,
    SyncBackgroundRunner background,
    ISyncEventSink events,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>Pushes every selected lead (queued entries due now, others queued, held leads left); returns the push run.</summary>
    public async Task<Guid> PushAsync(LeadSelection selection, SyncTrigger trigger, CancellationToken cancellationToken = default)
    {
        var snapshot = Snapshot(selection);
        var run = await runs.StartAsync(SyncRunKind.Push, trigger, cancellationToken);
        var renewedAt = snapshot.StartedAt;
        background.Run(token => ChunksThenDrainAsync(
            run, snapshot, async (db, ids, t) => renewedAt = await QueueAsync(db, run, ids, renewedAt, t), reserved: true, token));
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
        try
        {
            await foreach (var chunk in reader.ReadAsync(snapshot, cancellationToken: cancellationToken))
            {
                var ids = chunk.Select(l => l.Id).ToList();
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    await act(db, ids, cancellationToken);
                }

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
            await claimer.EndReservationAsync(run.RunId);
            await runs.FinishAsync(run, SyncError.Clip(ex.Message));
            return;
        }

        await processor.DrainAsync(run.Trigger, run, cancellationToken, reserved);
    }

    /// <summary>
    /// One chunk of a push: kept as the run's selection and queued for the run. The reservation of the earlier chunks is
    /// renewed once a claim lease has passed since <paramref name="renewedAt"/>; returns when it was last renewed.
    /// </summary>
    private async Task<DateTimeOffset> QueueAsync(LeadSyncDbContext db, SyncRunContext run, List<Guid> ids, DateTimeOffset renewedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lease = options.CurrentValue.ClaimLease;
        var source = run.Trigger == SyncTrigger.Bulk ? ChangeSource.Bulk : ChangeSource.Manual;
        await BulkPushSelection.RecordAsync(db, run.RunId, ids, cancellationToken);
        await LeadSyncTransitions.QueueManyAsync(db, d => d.Leads.Where(l => ids.Contains(l.Id)), source, now, cancellationToken, new OutboxReservation(run.RunId, now + lease * 5));
        if (now - renewedAt < lease)
        {
            return renewedAt;
        }

        await claimer.RenewReservationAsync(run.RunId, now + lease * 5, cancellationToken);
        return now;
    }
}
