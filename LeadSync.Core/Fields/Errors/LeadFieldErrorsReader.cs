using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// Adds each lead's per-field errors to a page of <see cref="LeadListItem"/>s with one query by the page's ids (served
/// by the LeadId index), so the list query itself stays as it is and a lead without field errors costs nothing more.
/// </summary>
internal static class LeadFieldErrorsReader
{
    public static async Task<Dictionary<Guid, IReadOnlyList<LeadFieldErrorItem>>> ForLeadsAsync(
        LeadSyncDbContext db, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        if (leadIds.Count == 0)
        {
            return [];
        }

        var ids = leadIds.Distinct().ToList();
        var rows = await db.Set<LeadFieldError>().AsNoTracking().Where(e => ids.Contains(e.LeadId))
            .Select(e => new { e.LeadId, Item = new LeadFieldErrorItem(e.ApiName, e.Direction, e.Code, e.Message, e.Value) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.LeadId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<LeadFieldErrorItem>)[.. g.Select(r => r.Item).OrderBy(i => i.ApiName, StringComparer.Ordinal).ThenBy(i => i.Direction)]);
    }

    /// <summary>The items with their field errors (the same list when none has any).</summary>
    public static async Task<List<LeadListItem>> AttachAsync(LeadSyncDbContext db, List<LeadListItem> items, CancellationToken cancellationToken)
    {
        var byLead = await ForLeadsAsync(db, [.. items.Select(i => i.Id)], cancellationToken);
        return byLead.Count == 0
            ? items
            : [.. items.Select(i => byLead.TryGetValue(i.Id, out var errors) ? i with { FieldErrors = errors } : i)];
    }
}
