using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Monitoring;

/// <summary>Sync runs for the console: filtered, paged lists (newest first), one run, and its per-lead events and errors.</summary>
public sealed class SyncRunQueries(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const int MaxPageSize = 500;

    public async Task<PagedResult<SyncRunListItem>> GetPageAsync(SyncRunFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        CheckPaging(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Set<SyncRun>().AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Project(query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id))
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<SyncRunListItem>(items, total);
    }

    public async Task<SyncRunListItem?> GetAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db.Set<SyncRun>().AsNoTracking().Where(r => r.Id == runId)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The latest runs by id (time-ordered version 7 GUIDs: start order on both providers), newest first; one run with <paramref name="runId"/>.</summary>
    public async Task<IReadOnlyList<SyncRunListItem>> GetLatestAsync(int limit, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        CheckPaging(0, limit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<SyncRun>().AsNoTracking();
        if (runId is { } id)
        {
            query = query.Where(r => r.Id == id);
        }

        return await Project(query.OrderByDescending(r => r.Id)).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The run's per-lead events, oldest first; with <paramref name="errorsOnly"/>, only those with an error.</summary>
    public async Task<PagedResult<SyncRunEventItem>> GetEventsAsync(Guid runId, bool errorsOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        CheckPaging(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<LeadHistoryEntry>().AsNoTracking().Where(e => e.RunId == runId);
        if (errorsOnly)
        {
            query = query.Where(e => e.ErrorCode != null);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new SyncRunEventItem(
                e.Id,
                e.LeadId,
                db.Leads.Where(l => l.Id == e.LeadId).Select(l => l.FirstName == null ? l.LastName : l.FirstName + " " + l.LastName).FirstOrDefault(),
                e.At, e.Direction, e.Outcome, e.Changes, e.ErrorCode, e.ErrorMessage))
            .ToListAsync(cancellationToken);
        return new PagedResult<SyncRunEventItem>(items, total);
    }

    /// <summary>The Zoho records the run could not apply (pull runs), oldest first.</summary>
    public async Task<PagedResult<SyncRunPullErrorItem>> GetPullErrorsAsync(Guid runId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        CheckPaging(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<PullError>().AsNoTracking().Where(e => e.RunId == runId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new SyncRunPullErrorItem(e.Id, e.ZohoId, e.At, e.Code, e.Field, e.Message))
            .ToListAsync(cancellationToken);
        return new PagedResult<SyncRunPullErrorItem>(items, total);
    }

    internal static IQueryable<SyncRun> Filter(IQueryable<SyncRun> query, SyncRunFilter filter)
    {
        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (filter.Trigger is { } trigger)
        {
            query = query.Where(r => r.Trigger == trigger);
        }

        if (filter.From is { } from)
        {
            query = query.Where(r => r.StartedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(r => r.StartedAt < to);
        }

        return filter.Outcome switch
        {
            SyncRunOutcome.Running => query.Where(r => r.FinishedAt == null),
            SyncRunOutcome.Interrupted => query.Where(r => r.FinishedAt != null && r.Interrupted),
            SyncRunOutcome.Failed => query.Where(r => r.FinishedAt != null && !r.Interrupted && r.Error != null),
            SyncRunOutcome.PartlyFailed => query.Where(r => r.FinishedAt != null && !r.Interrupted && r.Error == null && r.Failed > 0),
            SyncRunOutcome.Succeeded => query.Where(r => r.FinishedAt != null && !r.Interrupted && r.Error == null && r.Failed == 0),
            _ => query,
        };
    }

    private static IQueryable<SyncRunListItem> Project(IQueryable<SyncRun> query) =>
        query.Select(r => new SyncRunListItem(
            r.Id, r.Kind, r.Trigger, r.InstanceId, r.StartedAt, r.FinishedAt, r.Created, r.Updated, r.Deleted, r.Unchanged,
            r.Conflicts, r.Failed, r.ApiCalls, r.Credits, r.Error, r.Interrupted, r.TraceId, r.Note));

    private static void CheckPaging(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
    }
}
