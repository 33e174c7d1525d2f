using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Monitoring;

/// <summary>
/// Leads whose push failed (state Error or DeadLetter), grouped by the Zoho error code and field in SQL, and the leads
/// of one group (paged). Leads failed without a recorded error fall in the <see cref="UnknownCode"/> group.
/// </summary>
public sealed class FailureQueries(IDbContextFactory<LeadSyncDbContext> contexts)
{
    public const string UnknownCode = "UNKNOWN";

    public async Task<IReadOnlyList<FailureGroup>> GetGroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await Failed(db)
            .GroupBy(l => new { Code = l.LastError == null ? null : l.LastError.Code, Field = l.LastError == null ? null : l.LastError.Field })
            .Select(g => new
            {
                g.Key.Code,
                g.Key.Field,
                Message = g.Max(l => l.LastError == null ? null : l.LastError.Message),
                Count = g.Count(),
                Dead = g.Count(l => l.SyncState == SyncState.DeadLetter),
                Last = g.Max(l => l.UpdatedAt),
            })
            .ToListAsync(cancellationToken);
        return groups
            .Select(g => new FailureGroup(g.Code ?? UnknownCode, g.Field, g.Message ?? "No error was recorded.", g.Count, g.Dead, g.Last))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal).ThenBy(g => g.Field, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The leads of one group, dead letters first, then most recently changed.</summary>
    public async Task<PagedResult<FailedLead>> GetLeadsAsync(string code, string? field, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = InGroup(Failed(db), code, field);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(l => l.SyncState == SyncState.DeadLetter).ThenByDescending(l => l.UpdatedAt).ThenBy(l => l.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(l => new FailedLead(
                l.Id,
                l.FirstName == null ? l.LastName : l.FirstName + " " + l.LastName,
                l.Email,
                l.SyncState,
                l.LastError == null ? UnknownCode : l.LastError.Code,
                l.LastError == null ? null : l.LastError.Field,
                l.LastError == null ? "" : l.LastError.Message,
                db.Set<OutboxEntry>().Where(e => e.LeadId == l.Id).Select(e => e.Attempts).FirstOrDefault(),
                l.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<FailedLead>(items, total);
    }

    /// <summary>The ids of every lead in one group (for "retry this group").</summary>
    public async Task<IReadOnlyList<Guid>> GetLeadIdsAsync(string code, string? field, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await InGroup(Failed(db), code, field).Select(l => l.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<Lead> Failed(LeadSyncDbContext db) =>
        db.Leads.AsNoTracking().Where(l => l.SyncState == SyncState.Error || l.SyncState == SyncState.DeadLetter);

    private static IQueryable<Lead> InGroup(IQueryable<Lead> query, string code, string? field)
    {
        query = code == UnknownCode
            ? query.Where(l => l.LastError == null || l.LastError.Code == null || l.LastError.Code == UnknownCode)
            : query.Where(l => l.LastError != null && l.LastError.Code == code);
        return field is null
            ? query.Where(l => l.LastError == null || l.LastError.Field == null)
            : query.Where(l => l.LastError != null && l.LastError.Field == field);
    }
}
