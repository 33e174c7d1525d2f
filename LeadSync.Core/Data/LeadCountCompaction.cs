using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// On PostgreSQL the count triggers append rows (<see cref="Leads.LeadCount"/>); this folds them into one row per key
/// when they have grown, in one statement, so readers see the same sums before and after and concurrent writers are
/// never blocked (rows another transaction is still adding are not visible to it and stay). SQLite keeps one row per
/// key already: nothing to do there.
/// </summary>
public sealed class LeadCountCompaction(IDbContextFactory<LeadSyncDbContext> contexts)
{
    /// <summary>Rows above which the table is folded (a few dozen keys; a busy minute appends thousands).</summary>
    public const int Threshold = 500;

    private const string Fold = """
        WITH gone AS (DELETE FROM "LeadCounts" RETURNING "SyncState", "Status", "Count")
        INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
            SELECT "SyncState", "Status", SUM("Count") FROM gone GROUP BY "SyncState", "Status" HAVING SUM("Count") <> 0
        """;

    /// <summary>Folds the rows when there are more than <see cref="Threshold"/>; true when it did.</summary>
    public async Task<bool> CompactAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider != DatabaseProvider.Postgres
            || await db.Set<Leads.LeadCount>().CountAsync(cancellationToken) <= Threshold)
        {
            return false;
        }

        await db.Database.ExecuteSqlRawAsync(Fold, cancellationToken);
        return true;
    }
}
