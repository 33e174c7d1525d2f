using LeadSync.Core.Data;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The pull's watermarks (<see cref="SyncWatermark.Leads"/>, <see cref="SyncWatermark.DeletedLeads"/>): persisted rows,
/// never derived from the leads, moved forward only, inside the save of the page they cover.
/// </summary>
internal static class PullWatermarks
{
    public static async Task<DateTimeOffset?> ReadAsync(IDbContextFactory<LeadSyncDbContext> contexts, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SyncWatermark>().AsNoTracking().Where(w => w.Name == name).Select(w => w.Value).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Moves a watermark forward (never back) inside the caller's save.</summary>
    public static async Task AdvanceAsync(LeadSyncDbContext db, string name, DateTimeOffset value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Set<SyncWatermark>().FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (row is null)
        {
            db.Add(new SyncWatermark { Name = name, Value = value, UpdatedAt = now });
        }
        else if (row.Value is null || value > row.Value)
        {
            row.Value = value;
            row.UpdatedAt = now;
        }
    }
}
