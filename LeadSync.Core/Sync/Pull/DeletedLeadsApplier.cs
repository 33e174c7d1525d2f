using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// Zoho's deleted-records list (§2.8) since its watermark, page by page with the watermark: each local lead linked to a
/// deleted record is deleted here too, or kept unlinked with the reason, as <c>Sync:PropagateDeletes:FromZoho</c> says.
/// </summary>
public sealed class DeletedLeadsApplier(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoClient zoho,
    PullPageApplier pages,
    SqliteWriteGate writeGate,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    public async Task ApplyAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        var watermark = await PullWatermarks.ReadAsync(contexts, SyncWatermark.DeletedLeads, cancellationToken);
        DateTimeOffset? since = watermark is null ? null : watermark.Value - options.CurrentValue.PullOverlap;
        var fromZoho = options.CurrentValue.PropagateDeletes.FromZoho;
        await foreach (var page in zoho.ListDeletedLeadsAsync(since, cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var now = clock.GetUtcNow();
            var ids = page.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
            var leads = await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).ToListAsync(cancellationToken);
            var leadIds = leads.Select(l => l.Id).ToList();
            var entries = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
            var changed = new List<(Guid Id, SyncState? State)>();
            foreach (var lead in leads)
            {
                entries.TryGetValue(lead.Id, out var entry);
                if (fromZoho)
                {
                    LeadSyncTransitions.DeletedInZoho(db, lead, entry);
                    run.AddDeleted();
                    PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Deleted, $"Deleted in Zoho: {lead.Email}", null, null);
                    changed.Add((lead.Id, null));
                }
                else
                {
                    LeadSyncTransitions.Unlink(db, lead, entry, new SyncError("ZOHO_DELETED", null,
                        "Deleted in Zoho; kept here because Sync:PropagateDeletes:FromZoho is off. Push it to create it in Zoho again."), now);
                    run.AddUpdated();
                    PullHistory.Add(db, lead.Id, run, now, LeadHistoryOutcome.Unlinked, null, "ZOHO_DELETED", lead.LastError!.Message);
                    changed.Add((lead.Id, lead.SyncState));
                }
            }

            var max = page.Max(d => d.DeletedTime);
            if (max is not null)
            {
                await PullWatermarks.AdvanceAsync(db, SyncWatermark.DeletedLeads, max.Value, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            pages.Publish(changed, run.RunId);
        }
    }
}
