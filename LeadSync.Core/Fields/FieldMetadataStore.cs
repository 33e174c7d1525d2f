using LeadSync.Core.Data;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Fields;

/// <summary>
/// Zoho's Lead field metadata, cached in the database (table <c>ZohoFields</c>) so restarts and other instances share
/// it: read from Zoho on demand (the mapping page's Refresh), daily (<see cref="Jobs.RefreshFieldMetadataJob"/>) and on
/// first use. A refresh replaces the whole set in one transaction and tells <see cref="MappedFields"/> to re-read.
/// </summary>
public sealed class FieldMetadataStore(IDbContextFactory<LeadSyncDbContext> contexts, IZohoClient zoho, MappedFields mappedFields, TimeProvider clock)
{
    /// <summary>The stored metadata; read from Zoho first when none was ever stored.</summary>
    public async Task<FieldMetadata> GetAsync(CancellationToken cancellationToken = default)
    {
        var stored = await ReadStoredAsync(contexts, cancellationToken);
        return stored.ReadAt is null ? await RefreshAsync(cancellationToken) : stored;
    }

    /// <summary>Reads Zoho's metadata now (1 credit) and stores it in place of the previous set.</summary>
    public async Task<FieldMetadata> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var fields = await zoho.GetLeadFieldsAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<CachedZohoField>().ExecuteDeleteAsync(cancellationToken);
            db.Set<CachedZohoField>().AddRange(fields.Select((f, i) => new CachedZohoField
            {
                ApiName = f.ApiName, Position = i, Definition = FieldDefinitionJson.Write(f), ReadAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        mappedFields.Invalidate();
        return new FieldMetadata(fields, now);
    }

    /// <summary>The stored metadata without calling Zoho (empty with a null time when never read).</summary>
    internal static async Task<FieldMetadata> ReadStoredAsync(IDbContextFactory<LeadSyncDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CachedZohoField>().AsNoTracking().OrderBy(f => f.Position).ToListAsync(cancellationToken);
        return rows.Count == 0
            ? FieldMetadata.Empty
            : new FieldMetadata(rows.Select(r => FieldDefinitionJson.Read(r.Definition)).ToList(), rows.Max(r => r.ReadAt));
    }
}
