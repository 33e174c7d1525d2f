using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>Rate limits, server errors, a host stopped mid-batch, and revoked credentials: nothing lost, nothing duplicated.</summary>
public sealed class FailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thousand_pushes_arrive_exactly_once_despite_30_percent_429s_and_10_percent_5xx()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var events = app.Services.GetRequiredService<SyncEventBus>().Subscribe();
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 0.3, ServerErrorRate = 0.1, Seed = 42 });

        await app.ImportAsync(1000, "Storm");

        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the outbox is drained", TimeSpan.FromSeconds(120));
        Assert.Equal(1000, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, Token)));
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
            LeadSyncAppFactory Host() => LeadSyncAppFactory.StartForSync(f => f
                .UseDataFolder(shared)
                .With("Sync:ClaimLease", "00:00:03"));

            var first = Host();
            first.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 1500 });
            await first.ImportAsync(250, "Restart");
            await Eventually.TrueAsync(
                async () => await first.QueryAsync(db => db.Set<OutboxEntry>().CountAsync(e => e.ClaimedBy != null, Token)) >= 100,
                "batches are claimed and in flight");
            await first.DisposeAsync(); // stops mid-flight: claims stay, Zoho may or may not have applied the writes

            await using var second = Host();
            second.Sandbox.Faults.Apply(new SandboxFaultPatch { LatencyMs = 0 });
            await Eventually.TrueAsync(async () => await second.OutboxCountAsync() == 0, "the restarted host drained the outbox", TimeSpan.FromSeconds(60));

            Assert.Equal(250, await second.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, Token)));
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_stopped_by_shutdown_is_recorded_as_interrupted_and_no_failure_is_logged(bool scheduled)
    {
        var shared = Path.Combine(Path.GetTempPath(), "leadsync-tests", "shutdown-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        try
        {
            LeadSyncAppFactory Host(string pullInterval) => LeadSyncAppFactory.StartForSync(f => f
                .UseDataFolder(shared)
                .With("Sandbox:Faults:LatencyMs", "3000")
                .With("Sync:PullInterval", pullInterval));

            // Scheduled: the pull job runs at start. Manual: a pull started from the console or the API.
            var first = Host(scheduled ? "01:00:00" : "00:00:00");
            if (!scheduled)
            {
                await first.Sync.PullNowAsync(cancellationToken: Token);
            }

            var engine = first.Services.GetRequiredService<EngineStateTracker>();
            await Eventually.TrueAsync(
                async () => engine.State == EngineState.Pulling && (await first.RunsAsync()).Any(r => r.Kind == SyncRunKind.Pull && r.FinishedAt is null),
                "a pull is waiting for Zoho");
            await first.DisposeAsync(); // a normal shutdown while the pull waits for Zoho

            await using var second = Host("00:00:00");
            var run = Assert.Single(await second.RunsAsync(), r => r.Kind == SyncRunKind.Pull);
            Assert.NotNull(run.FinishedAt);
            Assert.True(run.Interrupted);
            Assert.Equal(SyncRunRecorder.InterruptedMessage, run.Error);
            Assert.Equal(scheduled ? SyncTrigger.Scheduled : SyncTrigger.Manual, run.Trigger);
            var logs = first.Logs.Lines;
            Assert.DoesNotContain(logs, l => l.Contains("sync job failed", StringComparison.Ordinal));
            Assert.DoesNotContain(logs, l => l.Contains("Pull from Zoho failed", StringComparison.Ordinal));
            Assert.DoesNotContain(logs, l => l.Contains("Background sync work failed", StringComparison.Ordinal));
            Assert.Contains(logs, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains($"Pull {run.Id} stopped", StringComparison.Ordinal));

            using var api = second.CreateApiClient();
            var listed = await api.GetFromJsonAsync<JsonElement>($"api/sync/runs?runId={run.Id}", Token);
            Assert.Equal("Interrupted", listed[0].GetProperty("outcome").GetString());
            var item = await second.Services.GetRequiredService<SyncRunQueries>().GetAsync(run.Id, Token);
            Assert.Equal(SyncRunOutcome.Interrupted, item!.Outcome);
            var interrupted = await second.Services.GetRequiredService<SyncRunQueries>()
                .GetPageAsync(new SyncRunFilter(Outcome: SyncRunOutcome.Interrupted), 0, 10, Token);
            Assert.Equal(run.Id, Assert.Single(interrupted.Items).Id);
            Assert.Empty((await second.Services.GetRequiredService<SyncRunQueries>()
                .GetPageAsync(new SyncRunFilter(Outcome: SyncRunOutcome.Failed), 0, 10, Token)).Items);
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
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:AuthProbeInterval", "00:00:00.500"));
        var warm = await app.CreateAsync("auth.warm@example.com");
        await app.WaitSyncedAsync(warm.Id);

        await app.Sandbox.RevokeRefreshTokenAsync(Token);
        await app.Sandbox.ExpireAccessTokensAsync(Token);
        var lead = await app.CreateAsync("auth.queued@example.com");

        await Eventually.TrueAsync(async () => (await app.Sync.GetOverviewAsync(Token)).State == EngineState.Unauthorized,
            "the engine reports Unauthorized");
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.ClaimedBy == null, Token)),
            "the claim was released");
        var entry = await app.QueryAsync(db => db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == lead.Id, Token));
        Assert.Equal(0, entry.Attempts); // not the lead's fault: no attempt counted
        Assert.False(entry.DeadLettered);
        Assert.Equal(SyncState.Pending, (await app.LeadAsync(lead.Id))!.SyncState);
        var another = await app.CreateAsync("auth.another@example.com"); // changes keep queuing
        Assert.Equal(2, (await app.Sync.GetOverviewAsync(Token)).QueueDepth);
        Assert.False(await app.Sync.ResumeAsync(Token));

        await app.Sandbox.RestoreRefreshTokenAsync(Token); // a valid token again

        await app.WaitSyncedAsync(lead.Id);
        await app.WaitSyncedAsync(another.Id);
        Assert.NotEqual(EngineState.Unauthorized, (await app.Sync.GetOverviewAsync(Token)).State);
        Assert.Single(app.ZohoByEmail("auth.queued@example.com"));
    }
}
