using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Conflicts;

/// <summary>Leads held in Conflict with their open fields (paged, oldest conflict first), and the history of all conflicts.</summary>
public sealed class ConflictQueries(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public Task<PagedResult<ConflictLeadView>> GetOpenAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetOpenAsync(page, pageSize, null, cancellationToken);

    /// <summary>The held leads with open fields, or only <paramref name="onlyLead"/> when given (a link from the lead's dialog).</summary>
    public async Task<PagedResult<ConflictLeadView>> GetOpenAsync(int page, int pageSize, Guid? onlyLead, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pendingLeads = db.Set<SyncConflict>().Where(c => c.Resolution == ConflictResolution.Pending).Select(c => c.LeadId);
        var query = db.Leads.AsNoTracking().Where(l => l.SyncState == SyncState.Conflict && pendingLeads.Contains(l.Id));
        if (onlyLead is { } id)
        {
            query = query.Where(l => l.Id == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var leads = await query
            .Select(l => new { Lead = l, First = db.Set<SyncConflict>().Where(c => c.LeadId == l.Id && c.Resolution == ConflictResolution.Pending).Min(c => c.At) })
            .OrderBy(x => x.First).ThenBy(x => x.Lead.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = leads.Select(x => x.Lead.Id).ToList();
        var conflicts = await db.Set<SyncConflict>().AsNoTracking()
            .Where(c => ids.Contains(c.LeadId) && c.Resolution == ConflictResolution.Pending)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);

        var items = leads.Select(x =>
        {
            var lead = x.Lead;
            var open = conflicts.Where(c => c.LeadId == lead.Id)
                .GroupBy(c => c.Field).Select(g => g.Last()) // the latest sighting of each field
                .Select(c => new ConflictFieldView(c.Id, c.Field, Shown(c.Field, lead.Fields.Get(c.Field)), Shown(c.Field, c.ZohoValue), Shown(c.Field, c.AgreedValue)))
                .ToList();
            var zohoTime = conflicts.Where(c => c.LeadId == lead.Id).Max(c => c.ZohoModifiedTime);
            return new ConflictLeadView(lead.Id, DisplayName(lead), lead.Email, lead.ZohoId, x.First, lead.UpdatedAt, zohoTime, open);
        }).ToList();
        return new PagedResult<ConflictLeadView>(items, total);
    }

    /// <summary>Ids of every lead held in Conflict with open fields (for "apply to all").</summary>
    public async Task<IReadOnlyList<Guid>> GetOpenLeadIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SyncConflict>().Where(c => c.Resolution == ConflictResolution.Pending).Select(c => c.LeadId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Ids of the selected leads held in Conflict (a filter is evaluated by the database now).</summary>
    public async Task<IReadOnlyList<Guid>> GetHeldLeadIdsAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LeadQueries.Selected(db, selection).Where(l => l.SyncState == SyncState.Conflict)
            .OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The latest recorded conflicts by id, newest first: only open ones unless <paramref name="includeResolved"/>.</summary>
    public async Task<IReadOnlyList<ConflictListItem>> GetLatestAsync(bool includeResolved, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<SyncConflict>().AsNoTracking();
        if (!includeResolved)
        {
            query = query.Where(c => c.Resolution == ConflictResolution.Pending);
        }

        return await query.OrderByDescending(c => c.Id).Take(limit)
            .Select(c => new ConflictListItem(
                c.Id, c.LeadId, c.RunId, c.Field, Shown(c.Field, c.AgreedValue), Shown(c.Field, c.LocalValue), Shown(c.Field, c.ZohoValue), c.Resolution, c.Policy, c.At, c.ResolvedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every recorded conflict, newest first.</summary>
    public async Task<PagedResult<ConflictHistoryItem>> GetHistoryAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<SyncConflict>().AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Skip(page * pageSize).Take(pageSize)
            .Select(c => new ConflictHistoryItem(
                c.Id,
                c.LeadId,
                db.Leads.Where(l => l.Id == c.LeadId).Select(l => l.FirstName == null ? l.LastName : l.FirstName + " " + l.LastName).FirstOrDefault(),
                c.Field, Shown(c.Field, c.AgreedValue), Shown(c.Field, c.LocalValue), Shown(c.Field, c.ZohoValue), c.Resolution, c.Policy, c.At, c.ResolvedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<ConflictHistoryItem>(items, total);
    }

    private static string DisplayName(Lead lead) => string.IsNullOrWhiteSpace(lead.FirstName) ? lead.LastName : $"{lead.FirstName} {lead.LastName}";

    /// <summary>A conflict's value for people: an extra field's stored JSON as its display text (core values as they are).</summary>
    private static string? Shown(string field, string? value) =>
        LeadFields.IsCore(field) ? value : LeadSync.Core.Fields.Values.FieldValue.FromStoredText(value)?.Display;
}
