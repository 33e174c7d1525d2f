using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Outbox;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Initial;

/// <summary>
/// Queues an initial export's leads — every lead never linked to Zoho — for the export's run, a chunk at a time
/// (<see cref="LeadSelectionReader"/>, <c>Sync:SelectionChunk</c> leads each), so a first export of a million leads never
/// holds a list of all their ids (it held 1,000,000 Guids before any job was built). Each chunk goes through
/// <see cref="LeadSyncTransitions.QueueManyAsync"/> reserved for the run; the reservation of the chunks already queued is
/// renewed once half of <see cref="BulkPush.ReservationLease"/> has passed, so queueing a million leads, however long it
/// takes, never lets an early chunk fall to a drain.
/// </summary>
public sealed class InitialExportQueuer(
    IDbContextFactory<LeadSyncDbContext> contexts,
    LeadSelectionReader reader,
    OutboxClaimer claimer,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>Queues every never-linked lead that exists now for <paramref name="reservation"/>'s run.</summary>
    public async Task QueueAsync(OutboxReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var started = clock.GetUtcNow();
        var snapshot = new LeadSelectionSnapshot(LeadSelection.Matching(new LeadFilter(), 0), started, options.CurrentValue.SelectionChunk);
        var renewedAt = started;
        await foreach (var chunk in reader.ReadAsync(snapshot, l => l.ZohoId == null, cancellationToken))
        {
            var ids = chunk.Select(l => l.Id).ToList();
            var now = clock.GetUtcNow();
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await LeadSyncTransitions.QueueManyAsync(
                    db, d => d.Leads.Where(l => ids.Contains(l.Id) && l.ZohoId == null), ChangeSource.Bulk, now, cancellationToken,
                    reservation with { Until = now + BulkPush.ReservationLease });
            }

            if (now - renewedAt >= BulkPush.ReservationLease / 2)
            {
                await claimer.RenewReservationAsync(reservation.RunId, now + BulkPush.ReservationLease, cancellationToken);
                renewedAt = now;
            }
        }
    }
}
