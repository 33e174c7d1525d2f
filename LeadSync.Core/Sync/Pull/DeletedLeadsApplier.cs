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
        await foreach (var page in zoho.ListDeletedLeadsAsync(since, cancellationToken))
        {
            await ApplyPageAsync(run, page, cancellationToken);
        }
    }

    /// <summary>One page of deleted records, with the watermark it covers, in one save.</summary>
    private async Task ApplyPageAsync(SyncRunContext run, IReadOnlyList<ZohoDeletedRecord> page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var history = new PullHistory(db, run, now);
        var ids = page.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
        var leads = await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).ToListAsync(cancellationToken);
        var leadIds = leads.Select(l => l.Id).ToList();
        var entries = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToDictionaryAsync(e => e.LeadId, cancellationToken);
        var changed = new List<(Guid Id, SyncState? State)>();
        foreach (var lead in leads)
        {
            entries.TryGetValue(lead.Id, out var entry);
            changed.Add(Apply(db, history, run, lead, entry, now));
        }

        if (page.Max(d => d.DeletedTime) is { } max)
        {
            await PullWatermarks.AdvanceAsync(db, SyncWatermark.DeletedLeads, max, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        pages.Publish(changed, run.RunId);
    }

    /// <summary>
    /// The lead goes too when deletes propagate from Zoho; otherwise it stays, unlinked and showing why. Returns its new
    /// state for the live events (null: deleted).
    /// </summary>
    private (Guid Id, SyncState? State) Apply(LeadSyncDbContext db, PullHistory history, SyncRunContext run, Lead lead, OutboxEntry? entry, DateTimeOffset now)
    {
        // Six arguments: the unit of work (db, history, run, now) and the lead with its entry; grouping them would only rename them.
        if (options.CurrentValue.PropagateDeletes.FromZoho)
        {
            LeadSyncTransitions.DeletedInZoho(db, lead, entry);
            run.AddDeleted();
            history.Add(lead.Id, LeadHistoryOutcome.Deleted, $"Deleted in Zoho: {lead.Email}");
            return (lead.Id, null);
        }

        LeadSyncTransitions.Unlink(db, lead, entry, new SyncError("ZOHO_DELETED", null,
            "Deleted in Zoho; kept here because Sync:PropagateDeletes:FromZoho is off. Push it to create it in Zoho again."), now);
        run.AddUpdated();
        history.Add(lead.Id, LeadHistoryOutcome.Unlinked, error: lead.LastError);
        return (lead.Id, lead.SyncState);
    }
}
