using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// How a page of the leads list is counted and read at a million leads. The count is exact: from the trigger-kept
/// counts without a search term (<see cref="LeadCountQueries"/>), from SQLite's full-text index for a search alone,
/// else over the matching leads. With the count known, a SQLite search picks its plan: a term matching many leads
/// walks the sort index and stops at the page (<see cref="SqliteSearchIndex.MatchingInListOrder"/>), a term matching
/// few reads its matches and sorts them. (PostgreSQL's planner makes the same choice from its statistics.)
/// </summary>
internal static class LeadPageSource
{
    /// <summary>
    /// Walking the index reads about <c>rows × all / matches</c> entries, fetching the matches about <c>matches</c> rows
    /// and a sort; an index entry costs a fraction of a fetched row, hence the factor.
    /// </summary>
    private const long IndexEntriesPerFetchedRow = 4;

    /// <summary>The leads of <paramref name="filter"/> to sort and page, and their exact count.</summary>
    public static async Task<(IQueryable<Lead> Query, int Total)> ForPageAsync(
        LeadSyncDbContext db, LeadFilter? filter, int rowsNeeded, CancellationToken cancellationToken)
    {
        var total = await CountAsync(db, filter, cancellationToken);
        if (total == 0 || SqliteSearchTerm(db, filter) is null)
        {
            return (LeadQueries.Filter(db, filter), total);
        }

        var all = await LeadCountQueries.CountAsync(db, LeadFilter.All, cancellationToken);
        var inListOrder = (long)rowsNeeded * all <= IndexEntriesPerFetchedRow * total * total;
        return (LeadQueries.Filter(db, filter, inListOrder), total);
    }

    /// <summary>How many leads match <paramref name="filter"/>, exactly.</summary>
    public static Task<int> CountAsync(LeadSyncDbContext db, LeadFilter? filter, CancellationToken cancellationToken)
    {
        if (LeadCountQueries.CanCount(filter))
        {
            return LeadCountQueries.CountAsync(db, filter, cancellationToken);
        }

        var searchOnly = filter is { SyncStates: null or { Count: 0 }, Statuses: null or { Count: 0 } };
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
