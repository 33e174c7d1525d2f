using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Conflicts;

/// <summary>
/// The one resolver of held (Manual) conflicts: settles a lead's open conflicts per field (a side per field) or all by
/// a policy, as a ResolveConflict run. The kept values are pushed when they differ from Zoho's, and the lead's held
/// push goes out (released through <see cref="LeadSyncTransitions"/>).
/// </summary>
public sealed class ConflictResolutionService(
    IDbContextFactory<LeadSyncDbContext> contexts,
    SyncRunRecorder runs,
    IPushScheduler pushScheduler,
    ISyncEventSink events,
    SyncInstance instance,
    TimeProvider clock)
{
    /// <summary>
    /// Settles the lead's open conflicts; returns the run. <paramref name="policy"/> decides fields without a choice.
    /// A write the database refuses comes out as <see cref="LeadWriteException"/>.
    /// </summary>
    public async Task<Guid> ResolveAsync(
        Guid leadId, IReadOnlyDictionary<string, ConflictSide>? choices, ConflictPolicy? policy = null, CancellationToken cancellationToken = default)
    {
        if (choices is null && policy is null or ConflictPolicy.Manual)
        {
            throw new ArgumentException("Give a choice per field, or ZohoWins, LocalWins or NewestWins.", nameof(policy));
        }

        return await StoreWrites.TranslateAsync(() => RunAsync(leadId, choices, policy, cancellationToken));
    }

    private async Task<Guid> RunAsync(
        Guid leadId, IReadOnlyDictionary<string, ConflictSide>? choices, ConflictPolicy? policy, CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(SyncRunKind.ResolveConflict, SyncTrigger.Manual, cancellationToken);
        string? error = null;
        try
        {
            await SettleAsync(run, leadId, choices, policy, cancellationToken);
        }
        catch (Exception ex)
        {
            error = ex.Message;
            throw;
        }
        finally
        {
            await runs.FinishAsync(run, error);
        }

        return run.RunId;
    }

    private async Task SettleAsync(
        SyncRunContext run, Guid leadId, IReadOnlyDictionary<string, ConflictSide>? choices, ConflictPolicy? policy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, cancellationToken) ?? throw new LeadNotFoundException(leadId);
        var open = await db.Set<SyncConflict>().Where(c => c.LeadId == leadId && c.Resolution == ConflictResolution.Pending).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            throw new InvalidOperationException($"Lead {leadId} has no open conflicts.");
        }

        var settled = Settle(lead, open, choices, policy, now);
        LeadValidator.EnsureValid(settled.Fields);
        lead.Apply(settled.Fields);
        LeadSyncTransitions.Agreed(lead, zohoId: null, modified: null, settled.Agreed);
        lead.UpdatedAt = now;
        await LeadSyncTransitions.ReleaseAsync(db, lead, valuesToSend: !settled.Fields.SameValuesAs(settled.Agreed), now, cancellationToken);

        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Pull, Outcome = LeadHistoryOutcome.Resolved,
            Changes = string.Join('\n', settled.Changes),
        });
        await db.SaveChangesAsync(cancellationToken);
        run.AddConflicts(open.Count);
        run.AddUpdated();
        events.Publish(new LeadStateChanged(now, instance.Id, leadId, lead.SyncState, null));
        pushScheduler.SchedulePush();
    }

    /// <summary>Marks each open conflict with the side kept; answers the lead's values and the agreed values that follow.</summary>
    private static Settlement Settle(
        Lead lead, IReadOnlyList<SyncConflict> open, IReadOnlyDictionary<string, ConflictSide>? choices, ConflictPolicy? policy, DateTimeOffset now)
    {
        var fields = lead.Fields;
        var agreed = lead.AgreedSnapshot ?? fields;
        var changes = new List<string>();
        foreach (var conflict in open)
        {
            var side = choices is not null && choices.TryGetValue(conflict.Field, out var chosen)
                ? chosen
                : SideByPolicy(conflict, lead, policy) ?? throw new ArgumentException($"No choice given for the conflict on {conflict.Field}.", nameof(choices));
            agreed = agreed.With(conflict.Field, conflict.ZohoValue); // Zoho holds its value until we push.
            if (side == ConflictSide.Zoho)
            {
                fields = fields.With(conflict.Field, conflict.ZohoValue);
            }

            conflict.Resolution = side == ConflictSide.Local ? ConflictResolution.Local : ConflictResolution.Zoho;
            conflict.ResolvedAt = now;
            changes.Add(LeadMapper.DescribeResolution(conflict.Field, side, lead.Fields.Get(conflict.Field), conflict.ZohoValue));
        }

        return new Settlement(fields, agreed, changes);
    }

    private static ConflictSide? SideByPolicy(SyncConflict conflict, Lead lead, ConflictPolicy? policy) => policy switch
    {
        ConflictPolicy.LocalWins => ConflictSide.Local,
        ConflictPolicy.NewestWins => conflict.ZohoModifiedTime is { } z && lead.UpdatedAt > z ? ConflictSide.Local : ConflictSide.Zoho,
        ConflictPolicy.ZohoWins => ConflictSide.Zoho,
        _ => null,
    };

    private sealed record Settlement(LeadFields Fields, LeadFields Agreed, IReadOnlyList<string> Changes);
}
