using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The push queue at a glance — entries waiting, due now and dead-lettered — each counted only up to
/// <see cref="Limit"/> + 1. The dashboard, the engine indicator and the status API ask after every drain pass and page
/// load; right after an "all matching" push of a million, an exact count walked 833,300 entries (220–270 ms each on
/// PostgreSQL). Past the limit, "more than 10,000" is all a person needs: the run's own progress says how far a big push is.
/// </summary>
public sealed record OutboxCounts(int Pending, int Due, int DeadLettered)
{
    /// <summary>Where counting stops: a count of <see cref="Limit"/> + 1 means "more than <see cref="Limit"/>".</summary>
    public const int Limit = 10_000;

    /// <summary>True when <paramref name="count"/> (one of these counts) stopped at the limit.</summary>
    public static bool IsLowerBound(int count) => count > Limit;

    /// <summary>The count to show beside <see cref="IsLowerBound"/>: the limit itself once counting stopped.</summary>
    public static int Shown(int count) => Math.Min(count, Limit);

    /// <summary>The three counts, each bounded.</summary>
    public static async Task<OutboxCounts> ReadAsync(LeadSyncDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var outbox = db.Set<OutboxEntry>().AsNoTracking();
        var pending = await PendingAsync(db, cancellationToken);
        var due = await outbox.Where(e => !e.DeadLettered && e.NextAttemptAt <= now).Take(Limit + 1).CountAsync(cancellationToken);
        var dead = await outbox.Where(e => e.DeadLettered).Take(Limit + 1).CountAsync(cancellationToken);
        return new OutboxCounts(pending, due, dead);
    }

    /// <summary>The entries waiting to be pushed (not dead-lettered), bounded.</summary>
    public static Task<int> PendingAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<OutboxEntry>().AsNoTracking().Where(e => !e.DeadLettered).Take(Limit + 1).CountAsync(cancellationToken);
    }
}
