using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// How a drain claims (<c>DrainPass</c>): the next claim is made while workers still have batches, and a claim that finds
/// fewer due entries than it asked for ends the pass's claiming. Neither may hold an entry past the drain or leave a
/// change waiting for the sweep.
/// </summary>
public sealed class DrainClaimsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_drain_stopped_by_refused_credentials_gives_back_every_entry_it_claimed_ahead_and_sends_each_lead_once()
    {
        // Four workers claim 200 entries at a time and the next 200 while one batch is left: when Zoho starts refusing,
        // claims made ahead are waiting in the drain's queue (or arriving in it).
        await using var app = LeadSyncAppFactory.StartForSync(f => f.WithOnlyTestDrains(new RecordingPushScheduler())
            .With("Sync:MaxParallelBatches", "4").With("Sync:AuthProbeInterval", "01:00:00")
            .With("Sync:BulkWriteThreshold", "100000")); // record calls, not a Bulk Write job
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        var ids = await app.ImportAsync(3_000, "Ahead", nudge: false);
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 300 });

        var drain = app.Services.GetRequiredService<OutboxProcessor>().DrainAsync(SyncTrigger.Bulk, null, Token);
        await Eventually.TrueAsync(() => Task.FromResult(app.Sandbox.State().Leads >= 400), "four batches reached Zoho", TimeSpan.FromSeconds(90));
        await app.Sandbox.RevokeRefreshTokenAsync(Token);
        await app.Sandbox.ExpireAccessTokensAsync(Token);
        var runId = await drain;
        Assert.NotNull(runId);

        var run = await app.QueryAsync(db => db.Set<SyncRun>().AsNoTracking().SingleAsync(r => r.Id == runId, Token));
        Assert.NotNull(run.Error); // stopped by the refusal, not by running out of entries
        var entries = await app.QueryAsync(db => db.Set<OutboxEntry>().AsNoTracking().ToListAsync(Token));
        Assert.InRange(entries.Count, 1, 2_600); // some were sent, the rest wait
        Assert.All(entries, e => Assert.Null(e.ClaimedBy)); // given back when the drain returned, not when a lease ends
        Assert.All(entries, e => Assert.Null(e.ClaimedUntil));

        // Every lead either reached Zoho once (and is synced) or is still queued: none both, none neither.
        var sent = app.Sandbox.State().Leads;
        Assert.Equal(3_000, sent + entries.Count);
        Assert.Equal(sent, run.Created);
        var synced = await app.QueryAsync(db => db.Leads.CountAsync(l => ids.Contains(l.Id) && l.SyncState == SyncState.Synced, Token));
        Assert.Equal(sent, synced);
    }

    [Fact]
    public async Task A_lead_created_while_a_long_drain_runs_is_pushed_without_waiting_for_the_sweep()
    {
        // The drain stops claiming once a claim finds fewer due entries than it asked for; a change made after that
        // claim is sent by the drain its nudge starts (or makes go round again), not an hour later by the sweep.
        await using var app = LeadSyncAppFactory.StartForSync(f => f.WithSweepOnlyAfter(TimeSpan.FromHours(1)).With("Sync:MaxParallelBatches", "4"));
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        await app.ImportAsync(1_000, "Long", nudge: false);
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 200 });
        var drain = app.Services.GetRequiredService<OutboxProcessor>().DrainCoalescedAsync(SyncTrigger.Bulk, Token);
        await Eventually.TrueAsync(() => Task.FromResult(app.Sandbox.State().Leads >= 100), "the drain is under way", TimeSpan.FromSeconds(90));

        var late = await app.CreateAsync("late.arrival@example.com");
        await drain;

        await app.WaitSyncedAsync(late.Id);
        Assert.Single(app.ZohoByEmail("late.arrival@example.com"));
        Assert.Equal(1_001, app.Sandbox.State().Leads);
    }

    [Fact]
    public async Task A_partial_batch_whose_linger_ends_while_full_batches_are_in_flight_leaves_after_them_not_at_the_sweep()
    {
        // 250 due: the claim keeps two full batches and gives the last 50 back to wait a second for company. The full
        // batches take 1.5 s, so the linger is over when the drain ends: that drain claimed no more once its claim came
        // back short, and must nudge the next one rather than leave the 50 to the sweep ten minutes later.
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:PushLinger", "00:00:01").WithSweepOnlyAfter(TimeSpan.FromMinutes(10)));
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 1_500 });

        await app.ImportAsync(250, "Tail");

        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "all 250 pushed", TimeSpan.FromSeconds(30));
        Assert.Equal(250, app.Sandbox.State().Leads);
        var runs = await Eventually.ReadAsync(app.RunsAsync, r => r.All(x => x.FinishedAt is not null), "the runs finished");
        Assert.Equal(3, runs.Where(r => r.Kind == SyncRunKind.Push).Sum(r => r.ApiCalls)); // two full batches, then the 50
    }
}
