using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// Keeps the leads a person's push selected (<see cref="BulkPushLead"/>), named once when the push starts, so its
/// progress and summary account for each of them whichever run ends up sending it.
/// </summary>
internal static class BulkPushSelection
{
    private const int Chunk = 1000;

    /// <summary>Stores every lead <paramref name="select"/> names now as selected by <paramref name="runId"/>.</summary>
    public static async Task RecordAsync(
        LeadSyncDbContext db, Guid runId, Func<LeadSyncDbContext, IQueryable<Lead>> select, CancellationToken cancellationToken)
    {
        var ids = await select(db).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            db.AddRange(chunk.Select(id => new BulkPushLead { RunId = runId, LeadId = id }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Stores one chunk of an "all matching" selection as selected by <paramref name="runId"/>.</summary>
    public static async Task RecordAsync(LeadSyncDbContext db, Guid runId, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        db.AddRange(leadIds.Select(id => new BulkPushLead { RunId = runId, LeadId = id }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
