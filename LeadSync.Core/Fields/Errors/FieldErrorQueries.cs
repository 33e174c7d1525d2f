using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Fields.Errors;

/// <summary>
/// What the console reads about per-field errors: a lead's (the dialog), the groups by field, direction and code (the
/// Failures page), the leads of one field, and the number of leads per field (the mapping page's flag). Labels come
/// from the mapping (the field as mapped, so a field Zoho deleted keeps its label).
/// </summary>
public sealed class FieldErrorQueries(IDbContextFactory<LeadSyncDbContext> contexts, IMappedFields mappedFields)
{
    public async Task<IReadOnlyList<FieldErrorView>> ForLeadAsync(Guid leadId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<LeadFieldError>().AsNoTracking().Where(e => e.LeadId == leadId).ToListAsync(cancellationToken);
        var labels = await LabelsAsync(cancellationToken);
        return [.. rows.OrderBy(e => e.ApiName, StringComparer.Ordinal).ThenBy(e => e.Direction)
            .Select(e => new FieldErrorView(e.ApiName, Label(labels, e.ApiName), e.Direction, e.Code, e.Message, e.At))];
    }

    /// <summary>The fields that do not sync for some leads, most leads first.</summary>
    public async Task<IReadOnlyList<FieldErrorGroup>> GroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.Set<LeadFieldError>().AsNoTracking()
            .GroupBy(e => new { e.ApiName, e.Direction, e.Code })
            .Select(g => new { g.Key.ApiName, g.Key.Direction, g.Key.Code, Leads = g.Count(), Last = g.Max(e => e.Id) })
            .ToListAsync(cancellationToken);
        var lastIds = groups.Select(g => g.Last).ToList();
        var latest = await db.Set<LeadFieldError>().AsNoTracking().Where(e => lastIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var labels = await LabelsAsync(cancellationToken);
        return [.. groups
            .Select(g => new FieldErrorGroup(g.ApiName, Label(labels, g.ApiName), g.Direction, g.Code, latest[g.Last].Message, g.Leads, latest[g.Last].At))
            .OrderByDescending(g => g.Leads).ThenBy(g => g.ApiName, StringComparer.Ordinal)];
    }

    /// <summary>Up to <paramref name="max"/> leads <paramref name="apiName"/> does not sync for, latest first.</summary>
    public async Task<IReadOnlyList<FieldErrorLead>> LeadsAsync(string apiName, FieldErrorDirection direction, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<LeadFieldError>().AsNoTracking().Where(e => e.ApiName == apiName && e.Direction == direction)
            .OrderByDescending(e => e.Id).Take(max)
            .Join(db.Leads, e => e.LeadId, l => l.Id, (e, l) => new FieldErrorLead(
                l.Id, l.FirstName == null ? l.LastName : l.FirstName + " " + l.LastName, l.Email, e.Message, e.At))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many leads each field does not sync for (either way), by API name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> LeadCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<LeadFieldError>().AsNoTracking().GroupBy(e => e.ApiName)
            .Select(g => new { g.Key, Leads = g.Select(e => e.LeadId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Leads, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<Dictionary<string, string>> LabelsAsync(CancellationToken cancellationToken) =>
        (await mappedFields.GetAsync(cancellationToken)).ToDictionary(m => m.ApiName, m => m.Definition.Label, StringComparer.Ordinal);

    private static string Label(Dictionary<string, string> labels, string apiName) => labels.GetValueOrDefault(apiName) ?? apiName;
}
