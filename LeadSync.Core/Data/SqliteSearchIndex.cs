using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// On SQLite, quick search goes through an FTS5 trigram index over <c>Leads.SearchText</c> (an external-content table
/// keyed by the leads' rowid and kept current by triggers), so a substring search over 100,000 leads reads the index
/// instead of scanning every row. PostgreSQL uses a pg_trgm GIN index instead (see PostgresLeadSyncDbContext).
/// Created idempotently after migrations, so it survives regenerated migration sets.
/// </summary>
internal static class SqliteSearchIndex
{
    public const string TableName = "LeadsSearch";

    /// <summary>The trigram index cannot serve patterns with fewer than three characters.</summary>
    public const int MinimumTermLength = 3;

    private static readonly string[] Statements =
    [
        """CREATE VIRTUAL TABLE IF NOT EXISTS "LeadsSearch" USING fts5("SearchText", content='Leads', content_rowid='rowid', tokenize='trigram')""",
        """
        CREATE TRIGGER IF NOT EXISTS "Leads_search_insert" AFTER INSERT ON "Leads" BEGIN
            INSERT INTO "LeadsSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS "Leads_search_delete" AFTER DELETE ON "Leads" BEGIN
            INSERT INTO "LeadsSearch"("LeadsSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS "Leads_search_update" AFTER UPDATE OF "SearchText" ON "Leads" BEGIN
            INSERT INTO "LeadsSearch"("LeadsSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
            INSERT INTO "LeadsSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
        END
        """,
    ];

    public static async Task EnsureAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        var exists = await db.Database
            .SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = 'LeadsSearch'""")
            .SingleAsync(cancellationToken);
        foreach (var statement in Statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        if (exists == 0)
        {
            // Index the leads that existed before the index did.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "LeadsSearch"("LeadsSearch") VALUES ('rebuild')""", cancellationToken);
        }
    }

    /// <summary>Leads whose search text contains <paramref name="term"/> (already lower-cased, no LIKE wildcards).</summary>
    public static IQueryable<Leads.Lead> Matching(LeadSyncDbContext db, string term)
    {
        var pattern = "%" + term + "%";
        return db.Leads.FromSql(
            $"""SELECT * FROM "Leads" WHERE rowid IN (SELECT rowid FROM "LeadsSearch" WHERE "SearchText" LIKE {pattern})""");
    }
}
