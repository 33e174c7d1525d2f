using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>Rate limits, server errors, a host stopped mid-batch, and revoked credentials: nothing lost, nothing duplicated.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Thousand_pushes_arrive_exactly_once_despite_30_percent_429s_and_10_percent_5xx()
    {
        await using var app = SyncTestApp.Start();
        var events = app.Services.GetRequiredService<SyncEventBus>().Subscribe();
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 0.3, ServerErrorRate = 0.1, Seed = 42 });

        await app.ImportAsync(1000, "Storm");

        await SyncTestApp.EventuallyAsync(async () => await app.OutboxCountAsync() == 0, "the outbox is drained", seconds: 120);
        Assert.Equal(1000, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, SyncTestApp.Token)));
        Assert.Equal(1000, app.Sandbox.State().Leads);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Single(app.ZohoByEmail($"storm.{i}@import.example"));
        }

        var seen = new List<SyncEvent>();
        while (events.Reader.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Contains(seen, e => e is EngineStateChanged { State: EngineState.RateLimited });
        Assert.Contains(seen, e => e is RunFinished);
    }

    [Fact]
    public async Task Host_stopped_between_claiming_a_batch_and_applying_its_results_ends_with_every_lead_in_zoho_once_after_restart()
    {
        var shared = Path.Combine(Path.GetTempPath(), "leadsync-tests", "restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        try
        {
            LeadSyncAppFactory Host() => SyncTestApp.Configure(new LeadSyncAppFactory())
                .With("Database:SqlitePath", Path.Combine(shared, "leadsync.db"))
                .With("Sandbox:DataPath", Path.Combine(shared, "zoho-sandbox.db"))
                .With("Sync:ClaimLease", "00:00:03");

            var first = SyncTestApp.Start(Host());
            first.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 1500 });
            await first.ImportAsync(250, "Restart");
            await SyncTestApp.EventuallyAsync(
                async () => await first.QueryAsync(db => db.Set<OutboxEntry>().CountAsync(e => e.ClaimedBy != null, SyncTestApp.Token)) >= 100,
                "batches are claimed and in flight");
            await first.DisposeAsync(); // stops mid-flight: claims stay, Zoho may or may not have applied the writes

            await using var second = SyncTestApp.Start(Host());
            second.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 0 });
            await SyncTestApp.EventuallyAsync(async () => await second.OutboxCountAsync() == 0, "the restarted host drained the outbox", seconds: 60);

            Assert.Equal(250, await second.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, SyncTestApp.Token)));
            Assert.Equal(250, second.Sandbox.State().Leads);
            for (var i = 0; i < 250; i++)
            {
                Assert.Single(second.ZohoByEmail($"restart.{i}@import.example"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(shared, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task Revoked_refresh_token_makes_the_engine_unauthorized_keeps_the_queue_and_resumes_with_a_valid_token()
    {
        await using var app = SyncTestApp.Start(f => f.With("Sync:AuthProbeInterval", "00:00:00.500"));
        var warm = await app.CreateAsync("auth.warm@example.com");
        await app.WaitSyncedAsync(warm.Id);

        await app.Sandbox.RevokeRefreshTokenAsync(SyncTestApp.Token);
        await app.Sandbox.ExpireAccessTokensAsync(SyncTestApp.Token);
        var lead = await app.CreateAsync("auth.queued@example.com");

        await SyncTestApp.EventuallyAsync(async () => (await app.Sync.GetStatusAsync(SyncTestApp.Token)).State == EngineState.Unauthorized,
            "the engine reports Unauthorized");
        await SyncTestApp.EventuallyAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.ClaimedBy == null, SyncTestApp.Token)),
            "the claim was released");
        var entry = await app.QueryAsync(db => db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == lead.Id, SyncTestApp.Token));
        Assert.Equal(0, entry.Attempts); // not the lead's fault: no attempt counted
        Assert.False(entry.DeadLettered);
        Assert.Equal(SyncState.Pending, (await app.LeadAsync(lead.Id))!.SyncState);
        var another = await app.CreateAsync("auth.another@example.com"); // changes keep queuing
        Assert.Equal(2, (await app.Sync.GetStatusAsync(SyncTestApp.Token)).QueueDepth);
        Assert.False(await app.Sync.ResumeAsync(SyncTestApp.Token));

        await app.Sandbox.RestoreRefreshTokenAsync(SyncTestApp.Token); // a valid token again

        await app.WaitSyncedAsync(lead.Id);
        await app.WaitSyncedAsync(another.Id);
        Assert.NotEqual(EngineState.Unauthorized, (await app.Sync.GetStatusAsync(SyncTestApp.Token)).State);
        Assert.Single(app.ZohoByEmail("auth.queued@example.com"));
    }
}
