using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// The first matches of a quick search in list order, read by walking the sort index whose entries carry the search
/// text (<c>IX_Leads_UpdatedAt_Id</c> and <c>IX_Leads_LastName_Id</c>: PostgreSQL INCLUDEs it, SQLite's end with it),
/// testing the LIKE on each entry without reading its row, for at most a budget of entries. One walk gives both the
/// page's ids and the bounded count: a term that matches often fills it after a few thousand entries, where counting
/// it through the trigram index would first gather every match (on PostgreSQL a bitmap of all 24,758 candidates of a
/// term matching 2.5 % of 1,000,000 leads, ~20 ms of CPU before the first row). A term that matches too rarely to fill
/// it within the budget is left to the trigram index, which is cheap exactly for such terms (decision 0012).
/// </summary>
internal static class SearchWalk
{
    /// <summary>True when the request's sort has an index carrying the search text and nothing but a search filters.</summary>
    public static bool Serves(LeadPageRequest request) =>
        request is { SortByField: null, SortBy: LeadSortField.UpdatedAt or LeadSortField.LastName }
        && SearchTerm.From(request.Filter?.Search) is { CanMatch: true }
        && request.Filter is { SyncStates: null or { Count: 0 }, Statuses: null or { Count: 0 }, Fields: null or { Count: 0 } };

    /// <summary>
    /// How many index entries the walk may read: the balance between the walk (about 0.6 µs an entry on PostgreSQL)
    /// and what the trigram index costs a term that the walk gives up on (fewer than <c>wanted × all / budget</c>
    /// matches, ~1.1 µs each to gather and more to re-check): <c>√(2 × wanted × all)</c>. Null when that is the whole
    /// index (a small table): the walk then reads to its end, so its count is exact.
    /// </summary>
    public static int? Budget(int wanted, int all)
    {
        var budget = Math.Ceiling(Math.Sqrt(2.0 * wanted * all));
        return budget >= all ? null : (int)budget;
    }

    /// <summary>
    /// The ids of the first <paramref name="wanted"/> leads matching <paramref name="search"/> in the request's order,
    /// among the first <paramref name="budget"/> entries of its sort index (all of them when null; fewer ids when fewer
    /// match there).
    /// </summary>
    public static Task<List<Guid>> FirstMatchesAsync(
        LeadSyncDbContext db, LeadPageRequest request, SearchTerm search, int wanted, int? budget, CancellationToken cancellationToken)
    {
        var column = request.SortBy == LeadSortField.LastName ? "\"LastName\"" : "\"UpdatedAt\"";
        var direction = request.Descending ? "DESC" : "ASC";
        var order = $"{column} {direction}, \"Id\" {direction}";
        var pattern = "%" + LeadQueries.EscapeLike(search.Text) + "%";

        // The inner walk reads index entries only (Id, the sort column and the search text are all in the index); the
        // outer ORDER BY is the walk's own order, so neither database sorts again.
        var sql = $$"""
            SELECT "Id" AS "Value" FROM (
                SELECT "Id", {{column}}, "SearchText" FROM "Leads" ORDER BY {{order}} LIMIT {0}) AS walked
            WHERE "SearchText" LIKE {1} ESCAPE '\'
            ORDER BY {{order}}
            LIMIT {2}
            """;
        return db.Database.SqlQueryRaw<Guid>(sql, budget ?? int.MaxValue, pattern, wanted).ToListAsync(cancellationToken);
    }
}
