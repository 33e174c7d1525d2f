using System.Linq.Expressions;
using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads.FieldFilters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Leads;

/// <summary>Reads leads for the console and the API; the database does the filtering, sorting, paging and counting.</summary>
public sealed class LeadQueries(IDbContextFactory<LeadSyncDbContext> contexts, IOptions<LeadListOptions>? options = null)
{
    private readonly int searchCountLimit = Math.Max(1, (options?.Value ?? new LeadListOptions()).SearchCountLimit);

    /// <summary>A lead as lists show it (one projection for the grid, the API and exports).</summary>
    internal static readonly Expression<Func<Lead, LeadListItem>> ListItem = l => new LeadListItem(
        l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.Status, l.Company, l.ZohoId, l.SyncState,
        l.LastSyncedAt, l.LastError!.Code, l.LastError!.Message, l.CreatedAt, l.UpdatedAt, l.Version)
    {
        ExtraFields = l.ExtraFields,
    };

    public async Task<PagedResult<LeadListItem>> GetPageAsync(LeadPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = Math.Clamp(request.PageSize, 1, LeadPageRequest.MaxPageSize);
        var page = Math.Max(0, request.Page);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await LeadPageSource.ForPageAsync(db, request, pageSize, searchCountLimit, cancellationToken);
        var rows = Sort(db, plan.Query.AsNoTracking(), request.SortBy, request.SortByField, request.Descending);
        if (plan.PageIds is null)
        {
            rows = rows.Skip(page * pageSize).Take(pageSize);
        }

        if (plan.IdsFirst)
        {
            // The page's ids from the sort index (index-only where it carries the search text), then their rows.
            var ids = rows.Select(l => l.Id);
            rows = Sort(db, db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)), request.SortBy, request.SortByField, request.Descending);
        }

        var items = await LeadFieldErrorsReader.AttachAsync(db, await rows.Select(ListItem).ToListAsync(cancellationToken), cancellationToken);
        return new PagedResult<LeadListItem>(items, plan.Total) { TotalIsLowerBound = plan.TotalIsLowerBound };
    }

    /// <summary>
    /// These leads as they are now, whatever the filter, each saying whether it still matches <paramref name="filter"/>
    /// (a view keeps rows that changed under it, e.g. rows that left its filter when they were pushed); deleted leads
    /// are absent.
    /// </summary>
    public async Task<IReadOnlyList<(LeadListItem Item, bool Matches)>> GetItemsAsync(
        IReadOnlyCollection<Guid> ids, LeadFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await LeadFieldErrorsReader.AttachAsync(
            db, await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(ListItem).ToListAsync(cancellationToken), cancellationToken);
        var matching = await Filter(db, filter).AsNoTracking().Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        return [.. items.Select(i => (i, matching.Contains(i.Id)))];
    }

    /// <summary>The ids of every lead matching a filter (for "all N matching" bulk actions).</summary>
    public async Task<IReadOnlyList<Guid>> GetIdsAsync(LeadFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filter(db, filter).AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Up to <paramref name="take"/> ids of leads matching a filter that existed at <paramref name="createdBy"/>, in id
    /// order: a bulk action reads "all matching" a chunk at a time, each chunk dealt with before the next is read.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> GetIdsAsync(LeadFilter filter, DateTimeOffset createdBy, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filter(db, filter).AsNoTracking().Where(l => l.CreatedAt <= createdBy)
            .OrderBy(l => l.Id).Select(l => l.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(LeadFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LeadPageSource.CountAsync(db, filter, cancellationToken);
    }

    public async Task<Lead?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    /// <summary>The mapped fields that do not sync for this lead (its per-field errors), by API name.</summary>
    public async Task<IReadOnlyList<LeadFieldErrorItem>> FieldErrorsAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await LeadFieldErrorsReader.ForLeadsAsync(db, [leadId], cancellationToken)).GetValueOrDefault(leadId) ?? [];
    }

    /// <summary>The per-field errors of these leads, by lead (leads without any are absent).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LeadFieldErrorItem>>> FieldErrorsAsync(
        IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LeadFieldErrorsReader.ForLeadsAsync(db, leadIds, cancellationToken);
    }

    /// <summary>Where <see cref="CountWithFieldErrorsAsync"/> stops counting: every grid load asks it.</summary>
    public const int FieldErrorCountLimit = 1_000;

    /// <summary>
    /// How many leads have a per-field error (the "has field errors" quick filter's count), counted only up to
    /// <see cref="FieldErrorCountLimit"/> + 1: every load of the Leads page asks, and a field Zoho refuses on every
    /// lead would otherwise make each load walk a million index entries. Above the limit the chip says "more than".
    /// </summary>
    public async Task<int> CountWithFieldErrorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<LeadFieldError>().AsNoTracking().Select(e => e.LeadId).Distinct()
            .Take(FieldErrorCountLimit + 1).CountAsync(cancellationToken);
    }

    /// <summary>
    /// The leads a <see cref="LeadSelection"/> stands for (its ids, or every lead matching its filter), as a no-tracking
    /// query on <paramref name="db"/> to compose further.
    /// </summary>
    public static IQueryable<Lead> Selected(LeadSyncDbContext db, LeadSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Filter is { } filter)
        {
            return Filter(db, filter).AsNoTracking();
        }

        var ids = selection.Ids.ToList();
        return db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id));
    }

    /// <summary>
    /// The leads matching a <see cref="LeadFilter"/>, as a query on <paramref name="db"/> to compose further
    /// (tracking; add AsNoTracking for reads). Quick search uses the provider's trigram index.
    /// </summary>
    public static IQueryable<Lead> Filter(LeadSyncDbContext db, LeadFilter? filter) => Filter(db, filter, SearchPlan.Planner);

    /// <summary><see cref="Filter(LeadSyncDbContext, LeadFilter)"/>, its search read by <paramref name="plan"/> (see <see cref="LeadPageSource"/>).</summary>
    internal static IQueryable<Lead> Filter(LeadSyncDbContext db, LeadFilter? filter, SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<Lead> query = db.Leads;
        if (filter is null)
        {
            return query;
        }

        if (SearchTerm.From(filter.Search) is { } search)
        {
            query = MatchingSearch(db, query, search, plan);
        }

        if (filter.SyncStates is { Count: > 0 } states)
        {
            var list = states.Distinct().ToList();
            query = query.Where(l => list.Contains(l.SyncState));
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var list = statuses.Distinct().ToList();
            var includeNone = list.Contains(string.Empty);
            query = includeNone
                ? query.Where(l => l.Status == null || list.Contains(l.Status))
                : query.Where(l => l.Status != null && list.Contains(l.Status));
        }

        if (filter.Fields is { Count: > 0 } fields)
        {
            query = FieldFilterQuery.Apply(db, query, fields);
        }

        if (filter.HasFieldErrors is { } wanted)
        {
            var fieldErrors = db.Set<LeadFieldError>();
            query = wanted ? query.Where(l => fieldErrors.Any(e => e.LeadId == l.Id)) : query.Where(l => !fieldErrors.Any(e => e.LeadId == l.Id));
        }

        return query;
    }

    /// <summary>The quick search: the SQLite full-text index for long enough terms there, else a LIKE on the search text.</summary>
    private static IQueryable<Lead> MatchingSearch(LeadSyncDbContext db, IQueryable<Lead> query, SearchTerm search, SearchPlan plan)
    {
        var term = search.Text;
        if (!search.CanMatch)
        {
            return query.Where(_ => false);
        }

        if (db.Provider == DatabaseProvider.Sqlite && term.Length >= SqliteSearchIndex.MinimumTermLength && plan != SearchPlan.OnIndexEntries)
        {
            return plan == SearchPlan.InListOrder ? SqliteSearchIndex.MatchingInListOrder(db, term) : SqliteSearchIndex.Matching(db, term);
        }

        var pattern = "%" + EscapeLike(term) + "%";
        return db.Provider == DatabaseProvider.Postgres && plan == SearchPlan.MatchesFirst
            ? PostgresSearch.MatchesFirst(db, pattern)
            : query.Where(l => EF.Functions.Like(l.SearchText, pattern, "\\"));
    }

    /// <summary>Orders leads by a mapped extra field when <paramref name="byField"/> is set, else by <paramref name="field"/>; the id breaks ties.</summary>
    public static IQueryable<Lead> Sort(LeadSyncDbContext db, IQueryable<Lead> query, LeadSortField field, FieldSort? byField, bool descending) =>
        byField is null ? Sort(query, field, descending) : FieldFilterQuery.Sort(db, query, byField, descending);

    /// <summary>Orders leads by a console/API sort field, with the id as a unique tie-breaker (stable paging and exports).</summary>
    public static IQueryable<Lead> Sort(IQueryable<Lead> query, LeadSortField field, bool descending)
    {
        IOrderedQueryable<Lead> ordered = field switch
        {
            LeadSortField.CreatedAt => Order(query, l => l.CreatedAt, descending),
            LeadSortField.FirstName => Order(query, l => l.FirstName, descending),
            LeadSortField.LastName => Order(query, l => l.LastName, descending),
            LeadSortField.Email => Order(query, l => l.EmailNormalized, descending),
            LeadSortField.Phone => Order(query, l => l.Phone, descending),
            LeadSortField.Company => Order(query, l => l.Company, descending),
            LeadSortField.Status => Order(query, l => l.Status, descending),
            LeadSortField.SyncState => Order(query, l => l.SyncState, descending),
            LeadSortField.LastSyncedAt => Order(query, l => l.LastSyncedAt, descending),
            LeadSortField.ZohoModifiedTime => Order(query, l => l.ZohoModifiedTime, descending),
            LeadSortField.ZohoId => Order(query, l => l.ZohoId, descending),
            _ => Order(query, l => l.UpdatedAt, descending),
        };

        // A unique tie-breaker keeps paging stable.
        return descending ? ordered.ThenByDescending(l => l.Id) : ordered.ThenBy(l => l.Id);
    }

    private static IOrderedQueryable<Lead> Order<TKey>(IQueryable<Lead> query, Expression<Func<Lead, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    internal static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
