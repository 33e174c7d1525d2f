using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The push queue at a glance — entries waiting, due now and dead-lettered — each counted only up to
/// <see cref="Limit"/> + 1. The dashboard, the engine indicator and the status API ask after every drain pass and page
/// load; right after an "all matching" push of a million, an exact count walked 833,300 entries (220–270 ms each on
/// PostgreSQL). Past the limit, "more than 10,000" is all a person needs: the run's own progress says how far a big push is.
/// Due counts what any drain may send now: entries a bulk push keeps for its run are pending, and due once it ends.
/// </summary>
public sealed record OutboxCounts(int Pending, int Due, int DeadLettered)
{
    /// <summary>Where counting stops: a count of <see cref="Limit"/> + 1 means "more than <see cref="Limit"/>".</summary>
    public const int Limit = 10_000;

    /// <summary>The three counts, each bounded.</summary>
    public static async Task<OutboxCounts> ReadAsync(LeadSyncDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = await PendingAsync(db, cancellationToken);
        var due = await BoundedAsync(Entries(db).Where(e => !e.DeadLettered && e.NextAttemptAt <= now), cancellationToken);
        return new OutboxCounts(pending, due, await DeadLetteredAsync(db, cancellationToken));
    }

    /// <summary>The entries waiting to be pushed (not dead-lettered), bounded.</summary>
    public static Task<int> PendingAsync(LeadSyncDbContext db, CancellationToken cancellationToken) =>
        BoundedAsync(Entries(db).Where(e => !e.DeadLettered), cancellationToken);

    /// <summary>The dead-lettered entries, bounded.</summary>
    public static Task<int> DeadLetteredAsync(LeadSyncDbContext db, CancellationToken cancellationToken) =>
        BoundedAsync(Entries(db).Where(e => e.DeadLettered), cancellationToken);

    private static IQueryable<OutboxEntry> Entries(LeadSyncDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<OutboxEntry>().AsNoTracking();
    }

    private static Task<int> BoundedAsync(IQueryable<OutboxEntry> entries, CancellationToken cancellationToken) =>
        entries.Take(Limit + 1).CountAsync(cancellationToken);
}
