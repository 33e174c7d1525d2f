using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Benchmarks;
using LeadSync.Tests.Infrastructure;
using LeadSync.Core.Outbox;
using LeadSync.Core.Zoho;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// Two LeadSync instances on one PostgreSQL database (<c>LEADSYNC_TEST_POSTGRES</c>, a database of this class's own),
/// both talking to the first one's sandbox: SKIP LOCKED claims and the pull lock keep every lead exactly once.
/// </summary>
public sealed class PostgresMultiInstanceTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string database = string.Empty;
    private string connectionString = string.Empty;

    public async ValueTask InitializeAsync() => (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);

    private async Task<(LeadSyncAppFactory First, LeadSyncAppFactory Second)> StartTwoAsync(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null)
    {
        configure ??= f => f;
        var first = LeadSyncAppFactory.StartForSync(f => configure(f.UsePostgres(connectionString)));
        await first.Sync.GetOverviewAsync(Token); // migrated before the second instance starts
        var sandbox = new Uri(first.BaseAddress, "sandbox/zoho");
        var credentials = await first.SandboxCredentialsAsync();
        var second = LeadSyncAppFactory.StartForSync(f => configure(f.UsePostgres(connectionString)
            .With("Database:MigrateOnStartup", "false")
            .UseLiveZoho(sandbox, credentials)));
        return (first, second);
    }

    [Fact]
    public async Task A_trickle_of_creates_on_two_instances_leaves_in_full_batches()
    {
        // Issue 14.4: every idle worker of every instance took whatever was due at that instant (578 calls for 2,000
        // creates on two instances). With the linger and one partial batch in flight per deployment, a trickle leaves
        // in batches of about a hundred whatever the number of instances.
        var (first, second) = await StartTwoAsync(f => f.With("Sync:PushLinger", "00:00:01"));
        await using (first)
        await using (second)
        {
            await Task.WhenAll(TrickleAsync(first, 0), TrickleAsync(second, 1));

            await Eventually.TrueAsync(
                async () => await first.OutboxCountAsync() == 0 && (await first.RunsAsync()).All(r => r.FinishedAt is not null),
                "both instances pushed the trickle", TimeSpan.FromSeconds(60));

            var pushes = (await first.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).ToList();
            Assert.Equal(1000, pushes.Sum(r => r.Created));
            Assert.Equal(1000, first.Sandbox.State().Leads);
            // Ten full batches would be ideal; the ends of the trickle, a token per instance and batches cut by the
            // linger when the machine is slow allow more: 14-17 in trials, 30-40 without the linger.
            var calls = pushes.Sum(r => r.ApiCalls);
            Assert.True(calls <= 20, $"{calls} Zoho calls: " + string.Join(", ", pushes.Select(r => $"{r.InstanceId[..8]} {r.Created}/{r.ApiCalls}")));
        }
    }

    [Fact]
    public async Task Two_instances_push_2000_leads_each_exactly_once()
    {
        var (first, second) = await StartTwoAsync();
        await using (first)
        await using (second)
        {
            await first.ImportAsync(2000, "Twin");
            await second.Sync.PushAsync(LeadFilter.All, cancellationToken: Token);

            await Eventually.TrueAsync(async () => await first.OutboxCountAsync() == 0, "both instances drained the outbox", TimeSpan.FromSeconds(120));

            Assert.Equal(2000, await first.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, Token)));
            Assert.Equal(2000, first.Sandbox.State().Leads);
            for (var i = 0; i < 2000; i++)
            {
                Assert.Single(first.ZohoByEmail($"twin.{i}@import.example"));
            }

            var created = (await first.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).Sum(r => r.Created);
            Assert.Equal(2000, created); // no record was created twice, by either instance
        }
    }

    [Fact]
    public async Task Two_instances_never_have_two_partial_batches_in_flight_at_once()
    {
        // Issue 14.4: one partial batch in flight per deployment; the sandbox answers slowly so that flights overlap.
        var first = new SandboxCountingAppFactory();
        var calls = first.Calls;
        first.WithFastSync().With("Sync:PushLinger", "00:00:00.300").UsePostgres(connectionString).Start();
        await using (first)
        {
            await first.Sync.GetOverviewAsync(Token);
            first.Faults(new SandboxFaultPatch { LatencyMs = 150 });
            var sandbox = new Uri(first.BaseAddress, "sandbox/zoho");
            var credentials = await first.SandboxCredentialsAsync();
            await using var second = LeadSyncAppFactory.StartForSync(f => f.UsePostgres(connectionString).With("Sync:PushLinger", "00:00:00.300")
                .With("Database:MigrateOnStartup", "false").UseLiveZoho(sandbox, credentials));
            calls.Reset();

            for (var i = 0; i < 60; i++)
            {
                await (i % 2 == 0 ? first : second).CreateAsync($"partial.{i}@two.example");
                await Task.Delay(40, Token);
            }

            await Eventually.TrueAsync(async () => await first.OutboxCountAsync() == 0, "both instances pushed", TimeSpan.FromSeconds(60));
            Assert.Equal(60, calls.RecordWrites);
            Assert.True(calls.WriteCalls >= 3, $"{calls.WriteCalls} write calls: the trickle must make several partial batches");
            Assert.Equal(1, calls.PeakPartialInFlight);
        }
    }

    [Fact]
    public async Task Push_all_matching_on_one_instance_is_reported_by_its_run_while_the_other_drains()
    {
        // Issue 14.7: the other instance's drains took part of a bulk push (and the run reporting it saw only the rest).
        var (first, second) = await StartTwoAsync();
        await using (first)
        await using (second)
        {
            await first.ImportAsync(2000, "Shared");
            await Eventually.TrueAsync(async () => await first.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
            await first.QueryAsync(db => db.Leads.ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var competing = Task.Run(async () =>
            {
                var processor = first.Services.GetRequiredService<OutboxProcessor>();
                while (!stop.IsCancellationRequested)
                {
                    await processor.DrainAsync(SyncTrigger.Scheduled, null, CancellationToken.None);
                }
            }, Token);

            var run = await second.WaitForRunAsync(await second.Sync.PushAsync(new LeadFilter { Statuses = ["Contacted"] }, cancellationToken: Token));
            await stop.CancelAsync();
            await competing;

            Assert.Equal(2000, run.Updated);
            Assert.Equal(2000, await first.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced, Token)));
            Assert.Equal("Contacted", first.ZohoSingle("shared.1999@import.example").LeadStatus);
        }
    }

    [Fact]
    public async Task Two_instances_together_keep_Zoho_calls_in_flight_within_MaxConcurrency()
    {
        // Issue 14.6: Zoho's concurrency limit is per org (§4.3), Zoho:MaxConcurrency was per instance. The sandbox
        // admits up to 25 here and counts the most calls it had in flight at once.
        var (first, second) = await StartTwoAsync(f => f.With("Zoho:MaxConcurrency", "3"));
        await using (first)
        await using (second)
        {
            first.Faults(new SandboxFaultPatch { LatencyMs = 100, MaxConcurrentCalls = 25 });
            first.Sandbox.ResetPeakCallsInFlight();
            await Task.WhenAll(first.ImportAsync(1000, "PoolA"), second.ImportAsync(1000, "PoolB"));
            await Eventually.TrueAsync(async () => await first.OutboxCountAsync() == 0, "both instances pushed", TimeSpan.FromSeconds(90));

            // The outbox empties as each batch's outcome is stored; a run's counts are stored when the run ends, after that.
            var runs = await Eventually.ReadAsync(first.RunsAsync, r => r.All(run => run.FinishedAt is not null), "every run finished");
            var pushes = runs.Where(r => r.Kind == SyncRunKind.Push && r.Created > 0).ToList();
            Assert.Equal(2000, pushes.Sum(r => r.Created));
            Assert.Equal(2, pushes.Select(r => r.InstanceId).Distinct().Count()); // both instances called Zoho
            Assert.InRange(first.Sandbox.State().PeakCallsInFlight, 2, 3);
            // A slot is kept for the instance's next call and given back once idle (ZohoCallSlots.IdleFor): all of them soon.
            await Eventually.TrueAsync(
                async () => await first.QueryAsync(db => db.Set<ZohoCallSlot>().CountAsync(s => s.Holder != null, Token)) == 0,
                "every call slot given back once its instance no longer calls", TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task A_call_slot_left_by_a_dead_instance_is_taken_once_its_lease_ends()
    {
        var (first, second) = await StartTwoAsync(f => f.With("Zoho:MaxConcurrency", "2"));
        await using (first)
        await using (second)
        {
            var expired = DateTimeOffset.UtcNow.AddSeconds(-1);
            await first.QueryAsync(async db =>
            {
                await db.Database.ExecuteSqlAsync($"""DELETE FROM "ZohoCallSlots" """, Token);
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "ZohoCallSlots" VALUES (0, 'dead-instance/1', {expired}), (1, 'dead-instance/2', {expired})""", Token);
                return 0;
            });

            var lead = await second.CreateAsync("after.dead@example.com");
            await second.WaitSyncedAsync(lead.Id);

            Assert.Single(first.ZohoByEmail("after.dead@example.com"));
            // Slot 0 comes first: its expired lease was taken over (and released) by the live instance's calls.
            Assert.False(await first.QueryAsync(db => db.Set<ZohoCallSlot>().AnyAsync(s => s.Slot == 0 && s.Holder == "dead-instance/1", Token)));
        }
    }

    [Fact]
    public async Task A_call_slot_is_leased_for_the_calls_own_timeout_a_downloads_fifteen_minutes_included()
    {
        // A Bulk Read download may run 15 minutes (ZohoClient's download timeout); a lease of the ordinary call's 30 s and
        // the margin would end under it and let another instance take the slot of a call still in flight.
        var (first, second) = await StartTwoAsync(f => f.With("Zoho:MaxConcurrency", "2"));
        await using (first)
        await using (second)
        {
            var gate = first.Services.GetRequiredService<IZohoCallGate>();
            var admitted = DateTimeOffset.UtcNow;
            await using (await gate.EnterAsync(TimeSpan.FromMinutes(15), Token))
            {
                var held = await first.QueryAsync(db => db.Set<ZohoCallSlot>().AsNoTracking().Where(s => s.Holder != null).ToListAsync(Token));
                Assert.Contains(held, s => s.HeldUntil >= admitted + TimeSpan.FromMinutes(15));
            }
        }
    }

    /// <summary>500 creates on one instance, one after another (each its own request and commit), about 100 a second.</summary>
    private static async Task TrickleAsync(LeadSyncAppFactory app, int parity)
    {
        for (var i = parity; i < 1000; i += 2)
        {
            await app.CreateAsync($"trickle.{i}@two.example");
            await Task.Delay(8, Token);
        }
    }

    [Fact]
    public async Task Pulls_started_on_two_instances_at_once_run_one_after_the_other()
    {
        var (first, second) = await StartTwoAsync();
        await using (first)
        await using (second)
        {
            await first.ZohoSeedAsync(600, "Both", DateTimeOffset.UtcNow.AddHours(-1));

            var runs = await Task.WhenAll(first.Sync.PullNowAsync(cancellationToken: Token), second.Sync.PullNowAsync(cancellationToken: Token));
            var a = await first.WaitForRunAsync(runs[0]);
            var b = await second.WaitForRunAsync(runs[1]);

            Assert.Null(a.Error);
            Assert.Null(b.Error);
            Assert.Equal(600, a.Created + b.Created);
            Assert.Equal(600, await first.QueryAsync(db => db.Leads.CountAsync(Token)));
            Assert.True(a.FinishedAt <= b.StartedAt || b.FinishedAt <= a.StartedAt || a.Created == 0 || b.Created == 0);
        }
    }

    [Fact]
    public async Task Three_instances_start_one_scheduled_pull_per_interval_between_them()
    {
        // Issue 14.5: each instance pulled on its own schedule, so N instances pulled N times per interval.
        var interval = TimeSpan.FromSeconds(2);
        var first = LeadSyncAppFactory.StartForSync(f => f.UsePostgres(connectionString).With("Sync:PullInterval", "00:00:02"));
        await using (first)
        {
            await first.Sync.GetOverviewAsync(Token); // migrated before the others start
            var sandbox = new Uri(first.BaseAddress, "sandbox/zoho");
            var credentials = await first.SandboxCredentialsAsync();
            LeadSyncAppFactory Another() => LeadSyncAppFactory.StartForSync(f => f.UsePostgres(connectionString)
                .With("Database:MigrateOnStartup", "false").With("Sync:PullInterval", "00:00:02").UseLiveZoho(sandbox, credentials));
            await using var second = Another();
            await using var third = Another();
            await second.Sync.GetOverviewAsync(Token);
            await third.Sync.GetOverviewAsync(Token);
            var since = DateTimeOffset.UtcNow;

            await Task.Delay(TimeSpan.FromSeconds(10), Token); // five intervals with all three instances up

            var scheduled = (await first.RunsAsync())
                .Where(r => r.Kind == SyncRunKind.Pull && r.Trigger == SyncTrigger.Scheduled && r.StartedAt >= since).ToList();
            Assert.InRange(scheduled.Count, 3, 6);
            Assert.All(scheduled.Zip(scheduled.Skip(1)), pair =>
                Assert.True(pair.Second.StartedAt - pair.First.StartedAt >= interval * 0.9,
                    $"scheduled pulls at {pair.First.StartedAt:O} ({pair.First.InstanceId}) and {pair.Second.StartedAt:O} ({pair.Second.InstanceId})"));
        }
    }
}
