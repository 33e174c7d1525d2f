using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// How a page of the leads list is counted and read at a million leads. The count is exact: from the trigger-kept
/// counts without a search term (<see cref="LeadCountQueries"/>), from SQLite's full-text index for a search alone,
/// else over the matching leads. With the count known, a search picks its <see cref="SearchPlan"/>: walking the sort
/// index costs about <c>rows × all / matches</c> index entries, taking the matches first about <c>matches</c> rows and a
/// sort. On SQLite an index entry is checked against the set of matches without reading the row (hence a factor of 4
/// in its favour); on PostgreSQL each entry reads its row to test the LIKE, as dear as reading a match (factor 1).
/// </summary>
internal static class LeadPageSource
{
    /// <summary>The leads of <paramref name="filter"/> to sort and page, and their exact count.</summary>
    public static async Task<(IQueryable<Lead> Query, int Total)> ForPageAsync(
        LeadSyncDbContext db, LeadFilter? filter, int rowsNeeded, CancellationToken cancellationToken)
    {
        var total = await CountAsync(db, filter, cancellationToken);
        if (total == 0 || SearchTerm.From(filter?.Search) is not { CanMatch: true })
        {
            return (LeadQueries.Filter(db, filter), total);
        }

        var all = await LeadCountQueries.CountAsync(db, LeadFilter.All, cancellationToken);
        long entriesPerRow = db.Provider == DatabaseProvider.Sqlite ? 4 : 1;
        var inListOrder = (long)rowsNeeded * all <= entriesPerRow * total * total;
        return (LeadQueries.Filter(db, filter, inListOrder ? SearchPlan.InListOrder : SearchPlan.MatchesFirst), total);
    }

    /// <summary>How many leads match <paramref name="filter"/>, exactly.</summary>
    public static Task<int> CountAsync(LeadSyncDbContext db, LeadFilter? filter, CancellationToken cancellationToken)
    {
        if (LeadCountQueries.CanCount(filter))
        {
            return LeadCountQueries.CountAsync(db, filter, cancellationToken);
        }

        var searchOnly = filter is { SyncStates: null or { Count: 0 }, Statuses: null or { Count: 0 }, Fields: null or { Count: 0 } };
        return searchOnly && SqliteSearchTerm(db, filter) is { } term
            ? SqliteSearchIndex.CountAsync(db, term, cancellationToken)
            : LeadQueries.Filter(db, filter).AsNoTracking().CountAsync(cancellationToken);
    }

    /// <summary>The term when SQLite's full-text index serves this filter's search, else null.</summary>
    private static string? SqliteSearchTerm(LeadSyncDbContext db, LeadFilter? filter) =>
        db.Provider == DatabaseProvider.Sqlite && SearchTerm.From(filter?.Search) is { CanMatch: true } search
        && search.Text.Length >= SqliteSearchIndex.MinimumTermLength
            ? search.Text
            : null;
}
