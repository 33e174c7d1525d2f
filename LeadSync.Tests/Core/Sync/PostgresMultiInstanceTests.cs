using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.Core.Outbox;
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
            // Ten full batches would be ideal; the ends of the trickle, a token per instance and a batch cut by the
            // linger allow a few more: 14 in trials, 18 without the shared turn, 30-40 without the linger.
            var calls = pushes.Sum(r => r.ApiCalls);
            Assert.True(calls <= 16, $"{calls} Zoho calls: " + string.Join(", ", pushes.Select(r => $"{r.InstanceId[..8]} {r.Created}/{r.ApiCalls}")));
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
