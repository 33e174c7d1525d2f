namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Keeps a bulk push's reservation (the entries not yet in a job) alive while the push runs: renewed every third of
/// <see cref="BulkPush.ReservationLease"/>, whatever the number of jobs. Renewing before each job rewrote every waiting
/// entry once per job — a million-lead push rewrote about twenty million rows over its forty jobs. A renewal the
/// database does not answer is tried again at the next turn (<see cref="RenewalLoop"/>). When the process dies the
/// renewals stop and the reservation lapses within the lease, so the entries are due again.
/// </summary>
internal static class ReservationKeeper
{
    /// <summary>Renews the run's reservation on a timer until <paramref name="cancellationToken"/> is cancelled; never throws.</summary>
    public static Task KeepAsync(OutboxClaimer claimer, Guid runId, TimeProvider clock, CancellationToken cancellationToken) =>
        RenewalLoop.RunAsync(BulkPush.ReservationLease / 3, clock, async token =>
        {
            await claimer.RenewReservationAsync(runId, clock.GetUtcNow() + BulkPush.ReservationLease, token);
            return true; // the reservation is the run's until it ends: nothing can take it
        }, cancellationToken);
}
