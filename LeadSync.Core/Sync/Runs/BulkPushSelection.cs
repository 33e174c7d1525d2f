using System.Data.Common;
using System.Globalization;
using System.Text;
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
    /// <remarks>
    /// One multi-row INSERT: EF Core's SQLite provider would send one statement per row (a thousand per chunk of an
    /// "all matching" push, most of the chunk's CPU).
    /// </remarks>
    public static async Task RecordAsync(LeadSyncDbContext db, Guid runId, IReadOnlyList<Guid> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        if (leadIds.Count == 0)
        {
            return;
        }

        var parameters = new List<DbParameter> { db.Parameter<BulkPushLead>(nameof(BulkPushLead.RunId), "@run", runId) };
        var rows = new StringBuilder();
        for (var i = 0; i < leadIds.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@l{i}");
            parameters.Add(db.Parameter<BulkPushLead>(nameof(BulkPushLead.LeadId), name, leadIds[i]));
            rows.Append(i == 0 ? "" : ", ").Append("(@run, ").Append(name).Append(')');
        }

        var sql = "INSERT INTO \"BulkPushLeads\" (\"RunId\", \"LeadId\") VALUES " + rows; // parameters only
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }
}
