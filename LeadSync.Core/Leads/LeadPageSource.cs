using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// How a page of the leads list is counted and read at a million leads. Without a search term the count is exact, from
/// the trigger-kept counts (<see cref="LeadCountQueries"/>). A search is counted only as far as it must be: up to
/// <see cref="LeadListOptions.SearchCountLimit"/> (and the page shown), or further when the choice of plan needs it;
/// past that the page says "more than N". With the count, a search picks its <see cref="SearchPlan"/>: walking the
/// sort index costs about <c>rows × all / matches</c> index entries, taking the matches first about <c>matches</c>
/// rows and a sort, so the walk wins once <c>matches² ≥ rows × all / entriesPerRow</c> — and a count that reaches that
/// threshold need not go on. An index entry is cheaper than a row by <see cref="EntriesPerRow"/>.
/// On PostgreSQL a search alone sorted by a column whose index carries the search text does not count first: one
/// budgeted walk of that index gives the page and the bounded count (<see cref="SearchWalk"/>), since gathering a
/// frequent term's matches through the trigram index costs more than the whole walk; only a term too rare to fill the
/// walk is counted as above.
/// </summary>
internal static class LeadPageSource
{
    /// <summary>The leads of <paramref name="request"/>'s filter to sort and page, and how many match.</summary>
    public static async Task<LeadPagePlan> ForPageAsync(
        LeadSyncDbContext db, LeadPageRequest request, int pageSize, int searchCountLimit, CancellationToken cancellationToken)
    {
        var rowsNeeded = (Math.Max(0, request.Page) + 1) * pageSize;
        var filter = request.Filter;
        if (SearchTerm.From(filter?.Search) is not { CanMatch: true })
        {
            var exact = await CountAsync(db, filter, cancellationToken);
            return new LeadPagePlan(LeadQueries.Filter(db, filter), exact, false, false);
        }

        var all = await LeadCountQueries.CountAsync(db, LeadFilter.All, cancellationToken);
        var shown = Math.Max(searchCountLimit, rowsNeeded);
        if (db.Provider == DatabaseProvider.Postgres && SearchWalk.Serves(request) && await WalkAsync(db, request, pageSize, shown, all, cancellationToken) is { } walked)
        {
            return walked;
        }

        var entriesPerRow = EntriesPerRow(db, request);
        var walkWinsFrom = (int)Math.Min(int.MaxValue - 1, Math.Ceiling(Math.Sqrt((double)rowsNeeded * all / entriesPerRow)));
        var countLimit = Math.Max(shown, walkWinsFrom);
        var counted = await CountUpToAsync(db, filter!, countLimit + 1, cancellationToken);
        if (counted == 0)
        {
            return new LeadPagePlan(LeadQueries.Filter(db, filter), 0, false, false);
        }

        var inListOrder = counted > countLimit || (long)rowsNeeded * all <= entriesPerRow * counted * counted;
        var idsFirst = inListOrder && db.Provider == DatabaseProvider.Postgres;
        var query = LeadQueries.Filter(db, filter, !inListOrder ? SearchPlan.MatchesFirst
            : db.Provider == DatabaseProvider.Sqlite && SearchWalk.Serves(request) ? SearchPlan.OnIndexEntries : SearchPlan.InListOrder);
        return counted > shown
            ? new LeadPagePlan(query, shown, true, idsFirst)
            : new LeadPagePlan(query, counted, false, idsFirst);
    }

    /// <summary>
    /// The page and its count from one walk of the sort index (<see cref="SearchWalk"/>), or null when the walk ran out
    /// of budget before it found more than <paramref name="shown"/> matches and did not reach the end of the index.
    /// </summary>
    private static async Task<LeadPagePlan?> WalkAsync(
        LeadSyncDbContext db, LeadPageRequest request, int pageSize, int shown, int all, CancellationToken cancellationToken)
    {
        var budget = SearchWalk.Budget(shown + 1, all);
        var ids = await SearchWalk.FirstMatchesAsync(db, request, SearchTerm.From(request.Filter.Search)!, shown + 1, budget, cancellationToken);
        if (ids.Count <= shown && budget is not null)
        {
            return null; // a rare term: its matches are found through the trigram index instead
        }

        var page = ids.Skip(Math.Max(0, request.Page) * pageSize).Take(pageSize).ToList();
        var query = db.Leads.Where(l => page.Contains(l.Id));
        return ids.Count > shown
            ? new LeadPagePlan(query, shown, true, false) { PageIds = page }
            : new LeadPagePlan(query, ids.Count, false, false) { PageIds = page };
    }

    /// <summary>How many leads match <paramref name="filter"/>, exactly (bulk actions; the list counts with a limit).</summary>
    public static Task<int> CountAsync(LeadSyncDbContext db, LeadFilter? filter, CancellationToken cancellationToken)
    {
        if (LeadCountQueries.CanCount(filter))
        {
            return LeadCountQueries.CountAsync(db, filter, cancellationToken);
        }

        return SqliteSearchTerm(db, filter) is { } term
            ? SqliteSearchIndex.CountAsync(db, term, cancellationToken)
            : LeadQueries.Filter(db, filter).AsNoTracking().CountAsync(cancellationToken);
    }

    /// <summary>
    /// How many leads match a filter with a search term, counting no further than <paramref name="limit"/>. SQLite reads
    /// its full-text index alone for a search alone. PostgreSQL finds the candidates through the trigram index and
    /// re-checks them in the table only until the limit (the matches fenced off as a CTE: told of the LIMIT, its planner
    /// would scan the whole table for a term it wrongly expects to match often).
    /// </summary>
    private static Task<int> CountUpToAsync(LeadSyncDbContext db, LeadFilter filter, int limit, CancellationToken cancellationToken)
    {
        if (SqliteSearchTerm(db, filter) is { } term)
        {
            return SqliteSearchIndex.CountUpToAsync(db, term, limit, cancellationToken);
        }

        var plan = db.Provider == DatabaseProvider.Postgres ? SearchPlan.MatchesFirst : SearchPlan.Planner;
        return LeadQueries.Filter(db, filter, plan).AsNoTracking().Take(limit).CountAsync(cancellationToken);
    }

    /// <summary>
    /// How many index entries the walk reads for the cost of one row read for the matches: SQLite tests the LIKE on the
    /// entry of a sort index that ends with the search text (12: 0.11 µs an entry against 1.3 µs a match read and
    /// sorted, 1,000,000 leads) and otherwise checks an entry's rowid against the set of matches without reading the
    /// row (4); PostgreSQL reads its row to test the LIKE (1), except for
    /// a search alone sorted by a column whose index carries the search text (<c>IX_Leads_UpdatedAt_Id</c>,
    /// <c>IX_Leads_LastName_Id</c>): an index-only walk, measured about 28 times cheaper per entry at 1,000,000 leads.
    /// </summary>
    private static long EntriesPerRow(LeadSyncDbContext db, LeadPageRequest request)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            return SearchWalk.Serves(request) ? 12 : 4;
        }

        var coveredSort = request is { SortByField: null, SortBy: LeadSortField.UpdatedAt or LeadSortField.LastName };
        return coveredSort && SearchAlone(request.Filter) ? 16 : 1;
    }

    /// <summary>True when the filter has no sync-state, status, extra-field or field-error filter beside its search.</summary>
    private static bool SearchAlone(LeadFilter filter) =>
        filter is { SyncStates: null or { Count: 0 }, Statuses: null or { Count: 0 }, Fields: null or { Count: 0 }, HasFieldErrors: null };

    /// <summary>The term when SQLite's full-text index serves this filter's search alone, else null.</summary>
    private static string? SqliteSearchTerm(LeadSyncDbContext db, LeadFilter? filter) =>
        db.Provider == DatabaseProvider.Sqlite
        && filter is not null && SearchAlone(filter)
        && SearchTerm.From(filter.Search) is { CanMatch: true } search
        && search.Text.Length >= SqliteSearchIndex.MinimumTermLength
            ? search.Text
            : null;
}
