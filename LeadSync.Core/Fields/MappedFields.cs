using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Fields;

/// <summary>
/// The <see cref="IMappedFields"/> of the running app: the stored mappings joined with the stored metadata, each
/// checked by <see cref="FieldChangeDetector"/>. Held in memory and re-read after a mapping change or a metadata
/// refresh on this instance, and at most <see cref="MaxAge"/> after one on another instance.
/// </summary>
public sealed class MappedFields(IDbContextFactory<LeadSyncDbContext> contexts, TimeProvider clock) : IMappedFields
{
    /// <summary>How long another instance's change may go unseen.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private volatile Snapshot? current;

    public async ValueTask<IReadOnlyList<MappedField>> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = current;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot.Fields;
        }

        var fields = await ReadAsync(cancellationToken);
        current = new Snapshot(fields, clock.GetUtcNow());
        return fields;
    }

    /// <summary>Forgets the held list: the next <see cref="GetAsync"/> reads the database.</summary>
    public void Invalidate() => current = null;

    private async Task<IReadOnlyList<MappedField>> ReadAsync(CancellationToken cancellationToken)
    {
        var metadata = await FieldMetadataStore.ReadStoredAsync(contexts, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mappings = await db.Set<FieldMapping>().AsNoTracking().OrderBy(m => m.Position).ThenBy(m => m.ApiName).ToListAsync(cancellationToken);
        return mappings.Select(m => Join(m, metadata)).ToList();
    }

    /// <summary>A mapping with Zoho's current metadata; never read metadata means no known problem yet.</summary>
    internal static MappedField Join(FieldMapping mapping, FieldMetadata metadata)
    {
        var mapped = FieldDefinitionJson.Read(mapping.MappedDefinition);
        if (metadata.ReadAt is null)
        {
            return new MappedField(mapped, mapping.Direction);
        }

        var now = metadata.Find(mapping.ApiName);
        return new MappedField(now ?? mapped, mapping.Direction, FieldChangeDetector.Detect(mapped, now));
    }

    private sealed record Snapshot(IReadOnlyList<MappedField> Fields, DateTimeOffset ReadAt);
}
