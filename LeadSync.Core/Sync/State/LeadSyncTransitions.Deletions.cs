using LeadSync.Core.Data;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// Deletes carried out in Zoho, remembered for the pulls that may still hold the record (<see cref="ZohoDeletion"/>): a
/// pull reads a page, then applies it; a delete finished between the two removes the outbox entry the pull would have
/// checked, so the finished delete is remembered in the same commit.
/// </summary>
public static partial class LeadSyncTransitions
{
    /// <summary>
    /// The least a finished delete is remembered: longer than any read-to-apply of a pull that does not take the pull
    /// lock (a webhook's or a selection's pull of named records, the push's merge of a version it read).
    /// </summary>
    public static readonly TimeSpan DeletionMemory = TimeSpan.FromHours(1);

    /// <summary>
    /// How far Zoho's clock may run ahead of ours: a version modified up to this long after our delete was stored is
    /// still taken as one Zoho held when it deleted the record.
    /// </summary>
    public static readonly TimeSpan ZohoClockAllowance = TimeSpan.FromSeconds(5);

    /// <summary>Zoho deleted <paramref name="zohoId"/> for us: no pull that read it earlier brings it back as a new lead.</summary>
    public static void DeleteDone(LeadSyncDbContext db, string? zohoId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (zohoId is not null)
        {
            db.Add(new ZohoDeletion { ZohoId = zohoId, DeletedAt = now });
        }
    }

    /// <summary>
    /// The ids of <paramref name="records"/> a delete of ours waits to remove, or removed after this version was made:
    /// none becomes a new lead. A version modified later is the record restored in Zoho (its recycle bin keeps the id):
    /// that one is new to us.
    /// </summary>
    public static async Task<HashSet<string>> DeletedByUsAsync(LeadSyncDbContext db, IReadOnlyCollection<ZohoLead> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        var (left, done) = await OurDeletesAsync(db, records.Select(r => r.Id!).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (var record in records)
        {
            if (done[record.Id!].Any(deletedAt => record.ModifiedTime is not { } modified || modified <= deletedAt + ZohoClockAllowance))
            {
                left.Add(record.Id!);
            }
        }

        return left;
    }

    /// <summary>
    /// The ids among <paramref name="ids"/> that a delete of ours removed or waits to remove, whatever Zoho holds now: a
    /// deleted record of Zoho's that is not a lost create's (<see cref="LostCreateRecovery.FindDeletedAsync"/>).
    /// </summary>
    public static async Task<HashSet<string>> DeletedOrDeletingByUsAsync(LeadSyncDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var (waiting, done) = await OurDeletesAsync(db, ids, cancellationToken);
        waiting.UnionWith(done.Select(d => d.Key));
        return waiting;
    }

    /// <summary>
    /// Of <paramref name="ids"/>: those a delete of ours waits to remove (an outbox delete), and when we removed those
    /// whose delete is done and still remembered (<see cref="ZohoDeletion"/>).
    /// </summary>
    private static async Task<(HashSet<string> Waiting, ILookup<string, DateTimeOffset> Done)> OurDeletesAsync(
        LeadSyncDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var waiting = (await db.Set<OutboxEntry>().AsNoTracking()
                .Where(e => e.Operation == OutboxOperation.Delete && e.ZohoId != null && ids.Contains(e.ZohoId))
                .Select(e => e.ZohoId!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var done = (await db.Set<ZohoDeletion>().AsNoTracking().Where(d => ids.Contains(d.ZohoId))
                .Select(d => new { d.ZohoId, d.DeletedAt }).ToListAsync(cancellationToken))
            .ToLookup(d => d.ZohoId, d => d.DeletedAt, StringComparer.Ordinal);
        return (waiting, done);
    }

    /// <summary>
    /// A pull that started at <paramref name="pullStartedAt"/> has finished: every read it made (a Bulk Read it resumed
    /// included) came after the deletes done before it started, and such pulls run one at a time (the pull lock), so
    /// none still holds those records. The pulls outside the lock are covered by <see cref="DeletionMemory"/>.
    /// </summary>
    public static async Task ForgetDeletionsAsync(LeadSyncDbContext db, DateTimeOffset pullStartedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = new[] { pullStartedAt, now - DeletionMemory }.Min();
        var done = db.Set<ZohoDeletion>().Where(d => d.DeletedAt < cutoff);
        if (await done.AnyAsync(cancellationToken)) // a read first: on SQLite a DELETE takes the write lock even when it removes nothing
        {
            await done.ExecuteDeleteAsync(cancellationToken);
        }
    }
}
