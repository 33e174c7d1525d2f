namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Keeps a bulk push's reservation (the entries not yet in a job) alive while the push runs: renewed every third of
/// <see cref="BulkPush.ReservationLease"/>, whatever the number of jobs. Renewing before each job rewrote every waiting
/// entry once per job — a million-lead push rewrote about twenty million rows over its forty jobs. When the process
/// dies the renewals stop and the reservation lapses within the lease, so the entries are due again.
/// </summary>
internal static class ReservationKeeper
{
    /// <summary>Renews the run's reservation on a timer until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task KeepAsync(OutboxClaimer claimer, Guid runId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var every = BulkPush.ReservationLease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken);
                await claimer.RenewReservationAsync(runId, clock.GetUtcNow() + BulkPush.ReservationLease, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The push has finished (or the app stops): its reservation ends with it.
        }
    }
}
