using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Fields;

/// <summary>
/// The field mapping page's Core side: every Zoho Lead field with its mapping (<see cref="GetAsync"/>), what a change
/// will do (<see cref="PlanAsync"/>) and the change itself (<see cref="SaveAsync"/>: stored in one save, then the
/// backfill started as a sync run through <see cref="FieldBackfill"/>).
/// </summary>
public sealed class FieldMappingService(
    IDbContextFactory<LeadSyncDbContext> contexts, FieldMetadataStore metadata, MappedFields mappedFields, FieldBackfill backfill, TimeProvider clock)
{
    public async Task<FieldMappingOverview> GetAsync(CancellationToken cancellationToken = default)
    {
        var fields = await metadata.GetAsync(cancellationToken);
        var mapped = (await ReadMappedAsync(fields, cancellationToken)).ToDictionary(m => m.ApiName, StringComparer.Ordinal);
        var rows = fields.Fields.Select(f => View(f, mapped.GetValueOrDefault(f.ApiName))).ToList();
        rows.AddRange(mapped.Values.Where(m => fields.Find(m.ApiName) is null).Select(m => View(m.Definition, m)));
        return new FieldMappingOverview(rows, fields.ReadAt, await CountLinkedAsync(cancellationToken));
    }

    /// <summary>What <paramref name="changes"/> would do; throws <see cref="FieldMappingException"/> for a change that cannot be stored.</summary>
    public async Task<FieldMappingPlan> PlanAsync(IReadOnlyList<FieldMappingChange> changes, CancellationToken cancellationToken = default)
    {
        var fields = await metadata.GetAsync(cancellationToken);
        var current = await ReadMappedAsync(fields, cancellationToken);
        return FieldMappingPlanner.Plan(current, fields, changes, await CountLinkedAsync(cancellationToken));
    }

    /// <summary>Stores the changes (all or none) and starts the backfill run when one is needed.</summary>
    public async Task<FieldMappingResult> SaveAsync(IReadOnlyList<FieldMappingChange> changes, string? by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var fields = await metadata.GetAsync(cancellationToken);
        var plan = FieldMappingPlanner.Plan(await ReadMappedAsync(fields, cancellationToken), fields, changes, await CountLinkedAsync(cancellationToken));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var rows = await db.Set<FieldMapping>().ToDictionaryAsync(m => m.ApiName, StringComparer.Ordinal, cancellationToken);
            var changed = changes.Where(c => !FieldMappingRules.IsCore(c.ApiName) && Apply(db, rows, c, fields, by)).Select(c => c.ApiName).ToList();
            // A field whose mapping changed (accepted, unmapped, turned round) starts clean: its per-field errors go.
            await Sync.State.LeadSyncTransitions.MappingChangedAsync(db, changed, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        mappedFields.Invalidate();
        var runId = plan.BackfillFields.Count > 0 ? await backfill.StartAsync(plan.BackfillFields, cancellationToken) : (Guid?)null;
        return new FieldMappingResult(plan, runId);
    }

    /// <summary>Applies one change to the stored rows; true when it changed what is synced (mapped, unmapped, direction, metadata).</summary>
    private bool Apply(LeadSyncDbContext db, Dictionary<string, FieldMapping> rows, FieldMappingChange change, FieldMetadata fields, string? by)
    {
        var row = rows.GetValueOrDefault(change.ApiName);
        if (!change.Mapped)
        {
            if (row is not null)
            {
                db.Remove(row);
            }

            return row is not null;
        }

        if (row is null)
        {
            row = new FieldMapping { ApiName = change.ApiName, Position = fields.Fields.ToList().FindIndex(f => f.ApiName == change.ApiName) };
            db.Add(row);
        }

        var definition = FieldDefinitionJson.Write(fields.Find(change.ApiName)!);
        var changed = row.Direction != change.Direction || !string.Equals(row.MappedDefinition, definition, StringComparison.Ordinal);
        row.Direction = change.Direction;
        row.MappedDefinition = definition;
        row.MappedAt = clock.GetUtcNow();
        row.MappedBy = by;
        return changed;
    }

    private async Task<IReadOnlyList<MappedField>> ReadMappedAsync(FieldMetadata fields, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<FieldMapping>().AsNoTracking().OrderBy(m => m.Position).ToListAsync(cancellationToken);
        return rows.Select(r => MappedFields.Join(r, fields)).ToList();
    }

    private async Task<int> CountLinkedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Lead>().CountAsync(l => l.ZohoId != null, cancellationToken);
    }

    private static FieldMappingView View(ZohoFieldDefinition definition, MappedField? mapped)
    {
        var core = FieldMappingRules.IsCore(definition.ApiName);
        return new FieldMappingView(
            definition, core, core || mapped is not null, mapped?.Direction ?? FieldSyncDirection.BothWays,
            FieldMappingRules.AllowedDirections(definition), mapped?.Problem);
    }
}
