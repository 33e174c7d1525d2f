using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Sync-engine data for the monitoring pages, written the way the engine writes it: runs through
/// <see cref="SyncRunRecorder"/>, per-lead events, held conflicts and failed pushes as the puller and the outbox
/// processor record them.
/// </summary>
public sealed partial class ConsoleTestContext
{
    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Sets a lead's sync state in the database only (no version bump, no event: tests publish what they need).</summary>
    public async Task SetSyncStateAsync(Guid leadId, SyncState state)
    {
        await using var db = await Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, state), Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>Records a run through Core (started now, then finished unless <paramref name="finish"/> is false).</summary>
    public async Task<SyncRunContext> RecordRunAsync(
        SyncRunKind kind, SyncTrigger trigger, Action<SyncRunContext>? tally = null, string? error = null, bool finish = true)
    {
        var recorder = Get<SyncRunRecorder>();
        var run = await recorder.StartAsync(kind, trigger, CancellationToken.None);
        tally?.Invoke(run);
        if (finish)
        {
            Clock.Advance(TimeSpan.FromSeconds(3));
            await recorder.FinishAsync(run, error);
        }

        return run;
    }

    /// <summary>A per-lead event of a run, as the engine records it.</summary>
    public async Task AddLeadEventAsync(Guid runId, Guid leadId, LeadHistoryOutcome outcome, string? changes = null, string? errorCode = null, string? errorMessage = null)
    {
        await using var db = await Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync();
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = runId, At = Clock.GetUtcNow(), Direction = SyncDirection.Push, Outcome = outcome,
            Changes = changes, ErrorCode = errorCode, ErrorMessage = errorMessage,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A row of a lead's history, as a push (or pull) of run <paramref name="runId"/> writes it.</summary>
    public async Task AddHistoryAsync(Guid leadId, Guid? runId, SyncDirection direction, LeadHistoryOutcome outcome, string? changes)
    {
        await using var db = await Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        db.Add(new LeadHistoryEntry { LeadId = leadId, RunId = runId, At = Clock.GetUtcNow(), Direction = direction, Outcome = outcome, Changes = changes });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Holds a lead in Conflict as a pull under the Manual policy does: the lead is linked, its agreed snapshot keeps
    /// <paramref name="agreed"/> for the field, and a Pending conflict records Zoho's value.
    /// </summary>
    public async Task HoldConflictAsync(Guid leadId, string field, string? agreed, string? zohoValue)
    {
        await using var db = await Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync();
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        lead.ZohoId ??= "5725767000000" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lead.AgreedSnapshot = (lead.AgreedSnapshot ?? lead.Fields).With(field, agreed);
        lead.SyncState = SyncState.Conflict;
        lead.Version++;
        db.Add(new SyncConflict
        {
            LeadId = leadId, Field = field, AgreedValue = agreed, LocalValue = lead.Fields.Get(field), ZohoValue = zohoValue,
            Resolution = ConflictResolution.Pending, Policy = ConflictPolicy.Manual, At = Clock.GetUtcNow(), ZohoModifiedTime = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Marks a lead's push as refused by Zoho, as the outbox processor does (dead-lettered when asked).</summary>
    public async Task FailPushAsync(Guid leadId, string code, string? field, string message, bool deadLettered = false, int attempts = 1)
    {
        await using var db = await Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync();
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        lead.SyncState = deadLettered ? SyncState.DeadLetter : SyncState.Error;
        lead.LastError = new SyncError(code, field, message);
        lead.Version++;
        var entry = await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == leadId);
        entry.Attempts = attempts;
        entry.DeadLettered = deadLettered;
        entry.LastErrorCode = code;
        entry.LastErrorMessage = message;
        entry.NextAttemptAt = Clock.GetUtcNow().AddHours(1);
        await db.SaveChangesAsync();
    }
}
