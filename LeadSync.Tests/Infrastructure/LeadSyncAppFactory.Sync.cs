using LeadSync.Core.Data;
using LeadSync.Core.Jobs;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The app's side of sync for tests: its services, leads created or imported, the database read directly, runs
/// started and awaited, the watch channel.
/// </summary>
public partial class LeadSyncAppFactory
{
    public SyncService Sync => Services.GetRequiredService<SyncService>();

    public LeadCommands Commands => Services.GetRequiredService<LeadCommands>();

    public IDbContextFactory<LeadSyncDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();

    public WebhookChannelStore ChannelStore => Services.GetRequiredService<WebhookChannelStore>();

    public WebhookChannelManager ChannelManager => Services.GetRequiredService<WebhookChannelManager>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<SyncRun> WaitForRunAsync(Guid runId) => await Sync.WaitForRunAsync(runId, TimeSpan.FromSeconds(60), Token);

    /// <summary>
    /// The outbox sweep no sooner than <paramref name="interval"/> after the start, its run at start included: that run
    /// comes at the scheduler's first tick, which on a busy machine can fall after the test's first steps.
    /// </summary>
    public LeadSyncAppFactory WithSweepOnlyAfter(TimeSpan interval)
    {
        var clock = new SyncClock(TimeProvider.System);
        clock.IsDue(nameof(SweepOutboxJob), interval); // the first call marks the run at start as made
        return With("Sync:SweepInterval", interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture)).WithServices(s => s.AddSingleton(clock));
    }

    /// <summary>
    /// No push unless the test drains (<see cref="OutboxProcessor.DrainAsync"/>): nudges are only counted in
    /// <paramref name="pushes"/>, and no sweep for an hour (<see cref="WithSweepOnlyAfter"/>).
    /// </summary>
    public LeadSyncAppFactory WithOnlyTestDrains(RecordingPushScheduler pushes) =>
        WithSweepOnlyAfter(TimeSpan.FromHours(1)).WithServices(s => s.AddSingleton<IPushScheduler>(pushes));

    /// <summary>
    /// What a first push of <paramref name="lead"/> whose answer was lost leaves: Zoho made the record (its id returned);
    /// LeadSync marked the attempt, as its claim does, and never heard of the record's id.
    /// </summary>
    public async Task<string> LoseFirstPushAnswerAsync(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var entryId = await QueryAsync(db => db.Set<OutboxEntry>().Where(e => e.LeadId == lead.Id).Select(e => e.Id).SingleAsync(Token));
        await QueryAsync(async db =>
        {
            await LeadSync.Core.Sync.State.LeadSyncTransitions.RecordFirstAttemptsAsync(db, [entryId], DateTimeOffset.UtcNow, Token);
            return true;
        });
        var made = Second(DateTimeOffset.UtcNow);
        var zohoId = ZohoNextId();
        await ZohoPutAsync(new LeadSync.ZohoSandbox.SandboxLead(zohoId, "Lost", "Answer", lead.Email, null, "Not Contacted", "Lost Co", made, made));
        return zohoId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts a pull now and waits for it to finish.</summary>
    public async Task<SyncRun> PullAsync() => await WaitForRunAsync(await Sync.PullNowAsync(cancellationToken: Token));

    public Task<Lead> CreateAsync(string email, string lastName = "Tester", string? phone = null, string? company = "Acme") =>
        Commands.CreateAsync(new LeadFields("Ada", lastName, email, phone, "Not Contacted", company), cancellationToken: Token);

    /// <summary>Adds leads and their outbox entries in one transaction (an import), then nudges the push.</summary>
    public async Task<List<Guid>> ImportAsync(int count, string prefix, bool nudge = true, LeadSync.Core.Fields.Values.LeadFieldValues? extra = null)
    {
        var ids = new List<Guid>(count);
        await using (var db = await Contexts.CreateDbContextAsync(Token))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var lead = new Lead { CreatedAt = now, UpdatedAt = now, SyncState = SyncState.Pending };
                lead.Apply(new LeadFields("Imported", $"{prefix} {i}", $"{prefix}.{i}@import.example", null, "Not Contacted", "Import Co")
                {
                    Extra = extra ?? LeadSync.Core.Fields.Values.LeadFieldValues.Empty,
                });
                db.Leads.Add(lead);
                db.Add(new OutboxEntry
                {
                    LeadId = lead.Id, Operation = OutboxOperation.Upsert, Revision = 1, CreatedAt = now, UpdatedAt = now, NextAttemptAt = now, Trigger = ChangeSource.Bulk,
                });
                ids.Add(lead.Id);
            }

            await db.SaveChangesAsync(Token);
        }

        if (nudge)
        {
            Services.GetRequiredService<IPushScheduler>().SchedulePush();
        }

        return ids;
    }

    public async Task<Lead?> LeadAsync(Guid id)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, Token);
    }

    public async Task<Lead?> LeadByEmailAsync(string email)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        var normalized = Lead.NormalizeEmail(email);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.EmailNormalized == normalized, Token);
    }

    public async Task<Lead?> LeadByZohoIdAsync(string zohoId)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.ZohoId == zohoId, Token);
    }

    public async Task<T> QueryAsync<T>(Func<LeadSyncDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await query(db);
    }

    public Task<int> OutboxCountAsync() => QueryAsync(db => db.Set<OutboxEntry>().CountAsync(Token));

    /// <summary>Every run recorded so far, oldest first.</summary>
    public Task<List<SyncRun>> RunsAsync() => QueryAsync(db => db.Set<SyncRun>().AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync(Token));

    /// <summary>Waits until the lead is Synced and the outbox is empty.</summary>
    public Task WaitSyncedAsync(Guid leadId) =>
        Eventually.TrueAsync(async () => (await LeadAsync(leadId))?.SyncState == SyncState.Synced && await OutboxCountAsync() == 0, $"lead {leadId} is Synced");

    /// <summary>The watch channel the app enabled at startup (waits for it; needs <see cref="WithWebhooks"/>).</summary>
    /// <summary>
    /// Waits until the scheduled pull every app runs at start has finished: until then it may meet a change the test
    /// makes in Zoho (e.g. a delete) before the path under test does.
    /// </summary>
    public async Task WaitStartPullAsync(TimeSpan? timeout = null) =>
        await Eventually.ReadAsync(RunsAsync, r => r.Any(x => x.Kind == SyncRunKind.Pull && x.Trigger == SyncTrigger.Scheduled && x.FinishedAt is not null),
            "the scheduled pull of the app's start finished", timeout);

    public async Task<WebhookChannel> WatchChannelAsync(TimeSpan? timeout = null) =>
        (await Eventually.ReadAsync(async () => await ChannelStore.GetChannelAsync(Token), c => c is not null, "the app enabled its Zoho watch channel", timeout))!;
}
