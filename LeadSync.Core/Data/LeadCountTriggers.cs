using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// The triggers that keep <see cref="Leads.LeadCount"/> exact: every insert, delete and change of a lead's sync state or
/// status moves its counts in the same transaction, so a count is as current as the leads a reader sees. Created
/// idempotently after migrations (a SQLite table rebuild drops a table's triggers); when they had to be created, the
/// counts are rebuilt from the leads in the same transaction.
/// </summary>
internal static class LeadCountTriggers
{
    public const string TableName = "LeadCounts";

    private const string SqliteRebuild = """
        DELETE FROM "LeadCounts";
        INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
            SELECT "SyncState", coalesce("Status", ''), COUNT(*) FROM "Leads" GROUP BY "SyncState", coalesce("Status", '');
        """;

    private static readonly string[] SqliteTriggers =
    [
        """
        CREATE TRIGGER "Leads_counts_insert" AFTER INSERT ON "Leads" BEGIN
            INSERT INTO "LeadCounts"("SyncState", "Status", "Count") VALUES (new."SyncState", coalesce(new."Status", ''), 1)
                ON CONFLICT("SyncState", "Status") DO UPDATE SET "Count" = "Count" + 1;
        END
        """,
        """
        CREATE TRIGGER "Leads_counts_delete" AFTER DELETE ON "Leads" BEGIN
            UPDATE "LeadCounts" SET "Count" = "Count" - 1 WHERE "SyncState" = old."SyncState" AND "Status" = coalesce(old."Status", '');
        END
        """,
        """
        CREATE TRIGGER "Leads_counts_update" AFTER UPDATE OF "SyncState", "Status" ON "Leads"
        WHEN old."SyncState" IS NOT new."SyncState" OR old."Status" IS NOT new."Status" BEGIN
            UPDATE "LeadCounts" SET "Count" = "Count" - 1 WHERE "SyncState" = old."SyncState" AND "Status" = coalesce(old."Status", '');
            INSERT INTO "LeadCounts"("SyncState", "Status", "Count") VALUES (new."SyncState", coalesce(new."Status", ''), 1)
                ON CONFLICT("SyncState", "Status") DO UPDATE SET "Count" = "Count" + 1;
        END
        """,
    ];

    // PostgreSQL: rows are only ever appended, so concurrent transactions never lock each other here. Inserts and
    // deletes by statement, one row per key (a COPY of a million leads adds a few dozen); an update by row, and only
    // when its state or status changed: the WHEN is tested without calling the function, so the many updates that
    // change neither (a pulled company, an edited name) cost nothing.
    private const string PostgresFunctions = """
        CREATE OR REPLACE FUNCTION leads_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
                SELECT "SyncState", coalesce("Status", ''), COUNT(*) FROM new_rows GROUP BY 1, 2;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE FUNCTION leads_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
                SELECT "SyncState", coalesce("Status", ''), -COUNT(*) FROM old_rows GROUP BY 1, 2;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE FUNCTION leads_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
                VALUES (OLD."SyncState", coalesce(OLD."Status", ''), -1), (NEW."SyncState", coalesce(NEW."Status", ''), 1);
            RETURN NULL;
        END $$;
        """;

    private const string PostgresTriggers = """
        CREATE TRIGGER leads_counts_insert AFTER INSERT ON "Leads" REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION leads_counts_insert();
        CREATE TRIGGER leads_counts_delete AFTER DELETE ON "Leads" REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION leads_counts_delete();
        CREATE TRIGGER leads_counts_update AFTER UPDATE OF "SyncState", "Status" ON "Leads" FOR EACH ROW
            WHEN (OLD."SyncState" IS DISTINCT FROM NEW."SyncState" OR OLD."Status" IS DISTINCT FROM NEW."Status")
            EXECUTE FUNCTION leads_counts_update();
        DELETE FROM "LeadCounts";
        INSERT INTO "LeadCounts"("SyncState", "Status", "Count")
            SELECT "SyncState", coalesce("Status", ''), COUNT(*) FROM "Leads" GROUP BY 1, 2;
        """;

    /// <summary>Creates the triggers when they are missing, and then rebuilds the counts (one transaction).</summary>
    public static async Task EnsureAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        var exists = await db.Database.SqlQueryRaw<int>(sqlite
                ? """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name = 'Leads_counts_update'"""
                : """SELECT COUNT(*)::int AS "Value" FROM pg_trigger WHERE tgname = 'leads_counts_update'""")
            .SingleAsync(cancellationToken);
        if (exists > 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (sqlite)
        {
            foreach (var statement in SqliteTriggers)
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync(SqliteRebuild, cancellationToken);
        }
        else
        {
            // CREATE TRIGGER locks the table against writers until the commit, so the rebuild counts what the triggers
            // will move from.
            await db.Database.ExecuteSqlRawAsync(PostgresFunctions, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(PostgresTriggers, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
