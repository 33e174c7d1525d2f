namespace LeadSync.Core.Outbox;

/// <summary>
/// A person's bulk push keeps the entries it queues for its own run: they are queued as claimed (by
/// <see cref="ClaimedBy"/> until <paramref name="Until"/>) with <see cref="OutboxEntry.ReservedFor"/> the run, so no other
/// drain of any instance takes them and the run that reports the push accounts for all of them. If the run's instance
/// dies, the reservation ends like any claim and any drain sends them. Until then a reserved entry is due for nobody
/// else: its <see cref="OutboxEntry.NextAttemptAt"/> is the reservation's end (<see cref="Until"/>), so the ordinary
/// claim's walk of the due entries, in <c>NextAttemptAt</c> order, never passes the run's entries (a selection of a
/// million reserves that many). The run takes its entries by <see cref="OutboxEntry.ReservedFor"/>, due now from then on.
/// </summary>
public sealed record OutboxReservation(Guid RunId, DateTimeOffset Until)
{
    /// <summary>The claim owner the reserved entries show until the run takes them.</summary>
    public string ClaimedBy => $"run:{RunId:N}";

    /// <summary>When an entry queued at <paramref name="now"/> is due: at once, or at the reservation's end when it is kept for one.</summary>
    public static DateTimeOffset DueAt(OutboxReservation? reservation, DateTimeOffset now) => reservation?.Until ?? now;
}
