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

    /// <summary>
    /// Leads whose search text contains <paramref name="term"/> (at least three characters). With the trigram
    /// tokenizer an FTS5 phrase query is a substring match, and it reads only the index (a LIKE on the FTS table
    /// re-checks every candidate row and is several times slower). SQLite reads each match by rowid, then sorts them:
    /// the way for a term that matches few leads.
    /// </summary>
    public static IQueryable<Leads.Lead> Matching(LeadSyncDbContext db, string term) =>
        db.Leads.FromSql($"""SELECT * FROM "Leads" WHERE rowid IN (SELECT rowid FROM "LeadsSearch" WHERE "LeadsSearch" MATCH {Phrase(term)})""");

    /// <summary>
    /// The same leads, for a term that matches many: the unary <c>+</c> keeps SQLite from reading the matches by rowid,
    /// so it walks the list's sort index in order and keeps the entries whose rowid is in the (once computed) set of
    /// matches, stopping at the page's last row — a page of a search matching 25,000 of 1,000,000 leads reads about
    /// 2,000 index entries instead of fetching and sorting 25,000 rows.
    /// </summary>
    public static IQueryable<Leads.Lead> MatchingInListOrder(LeadSyncDbContext db, string term) =>
        db.Leads.FromSql($"""SELECT * FROM "Leads" WHERE +rowid IN (SELECT rowid FROM "LeadsSearch" WHERE "LeadsSearch" MATCH {Phrase(term)})""");

    /// <summary>How many leads contain <paramref name="term"/>, from the index alone (the triggers keep it exact).</summary>
    public static Task<int> CountAsync(LeadSyncDbContext db, string term, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "LeadsSearch" WHERE "LeadsSearch" MATCH {Phrase(term)}""")
            .SingleAsync(cancellationToken);

    /// <summary>How many leads contain <paramref name="term"/>, counting no further than <paramref name="limit"/>.</summary>
    public static Task<int> CountUpToAsync(LeadSyncDbContext db, string term, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "LeadsSearch" WHERE "LeadsSearch" MATCH {Phrase(term)} LIMIT {limit})
            """).SingleAsync(cancellationToken);

    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
