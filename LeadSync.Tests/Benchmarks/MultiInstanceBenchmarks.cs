using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Security;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 14's Zoho-call bars, counted where the calls arrive (<see cref="SandboxWriteCounter"/>), with the app's sync
/// defaults (push linger 1 s, sweep 5 s; only the scheduled pull is off, so that no pull competes with the pushes):
/// 250 one-by-one API creates on one instance leave in ≤ 5 write calls; "push all 11,100 matching" writes exactly
/// 11,100 records in ≤ 112 write calls, and a re-push of 300 unchanged synced leads writes nothing; 2,000 API creates
/// over ~10 s alternating between two instances on one PostgreSQL leave in ≤ 25 write calls, one Zoho record each.
/// Each benchmark writes its row first, then fails if it missed its bar.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class MultiInstanceBenchmarks
{
    private const int TrickleCreates = 250;
    private const int BulkLeads = 11_100;
    private const int IdleLeads = 300;
    private const int TwinCreates = 2_000;
    private const string BulkStatus = "Contacted";
    private static readonly TimeSpan TwinSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_creates_one_by_one_on_one_instance()
    {
        await using var app = Defaults(new SandboxCountingAppFactory());
        using var api = app.CreateApiClient(await ApiKeyAsync(app.Services));
        var started = Stopwatch.GetTimestamp();

        var creating = await CreateAsync([api], "trickle", TrickleCreates, TimeSpan.Zero, workers: 1);
        await WaitSyncedAsync(app, "trickle.", TrickleCreates);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await WaitQuietAsync(app.Calls);

        var calls = app.Calls.WriteCalls;
        await RecordAsync($"{TrickleCreates} API creates one by one", "SQLite, 1 instance, linger 1 s", elapsed,
            $"{Figures(app.Calls)}; creates took {creating.TotalSeconds:0.0} s; bar ≤ 5 write calls {Verdict(calls <= 5)}");
        Assert.Equal(TrickleCreates, app.Sandbox.State().Leads);
        Assert.True(calls <= 5, $"{TrickleCreates} one-by-one creates went to Zoho in {calls} write calls (bar ≤ 5): {Figures(app.Calls)}");
    }

    [Fact]
    public async Task Push_all_matching()
    {
        var (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);
        try
        {
            await using var app = Defaults(new SandboxCountingAppFactory());
            app.UsePostgres(connectionString);
            await ArrangeSyncedAsync(app);

            var (idleTime, idleCalls, idleRecords, idleRun) = await PushAllAsync(app, new LeadFilter { Search = "idle." }, IdleLeads, "idle.");
            await RecordAsync($"Re-push {IdleLeads} unchanged synced leads", "PostgreSQL, 1 instance", idleTime,
                $"{Figures(app.Calls)}; {idleRun}; bar 0 record writes {Verdict(idleRecords == 0)}");

            Assert.Equal(BulkLeads, await EditStatusAsync(app, "bulk."));
            var (bulkTime, bulkCalls, bulkRecords, bulkRun) = await PushAllAsync(app, new LeadFilter { Statuses = [BulkStatus] }, BulkLeads, "bulk.");
            var zohoEdited = app.Sandbox.Leads.Store.Search(null, 0, int.MaxValue).Items.Count(l => l.LeadStatus == BulkStatus);
            await RecordAsync($"Push all {BulkLeads:N0} matching (each changed)", "PostgreSQL, 1 instance", bulkTime,
                $"{Figures(app.Calls)}; {bulkRun}; {zohoEdited:N0} Zoho records show the edit; bar {BulkLeads:N0} record writes in ≤ 112 write calls {Verdict(bulkRecords == BulkLeads && bulkCalls <= 112)}");

            Assert.True(idleRecords == 0 && idleCalls == 0, $"a re-push of {IdleLeads} unchanged synced leads wrote {idleRecords} records in {idleCalls} write calls (bar: 0)");
            Assert.Equal(BulkLeads, zohoEdited);
            Assert.True(bulkRecords == BulkLeads && bulkCalls <= 112,
                $"push all {BulkLeads} matching wrote {bulkRecords} records in {bulkCalls} write calls (bar: exactly {BulkLeads} in ≤ 112)");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Api_creates_alternating_between_two_instances_on_one_postgres()
    {
        var (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);
        try
        {
            var (first, second) = await StartTwoAsync(connectionString);
            await using (first)
            await using (second)
            {
                var key = await ApiKeyAsync(first.Services);
                using var one = first.CreateApiClient(key);
                using var two = second.CreateApiClient(key);
                var started = Stopwatch.GetTimestamp();

                var creating = await CreateAsync([one, two], "twin", TwinCreates, TwinSpread, workers: 4);
                await WaitSyncedAsync(first, "twin.", TwinCreates);
                var elapsed = Stopwatch.GetElapsedTime(started);
                await WaitQuietAsync(first.Calls);

                var (records, distinct) = ZohoRecords(first, "twin.");
                var calls = first.Calls.WriteCalls;
                await RecordAsync($"{TwinCreates:N0} API creates over ~{TwinSpread.TotalSeconds:0} s, alternating", "PostgreSQL, 2 instances, linger 1 s", elapsed,
                    $"{Figures(first.Calls)}; creates took {creating.TotalSeconds:0.0} s; {await SplitAsync(first)}; {records:N0} Zoho records, {distinct:N0} emails; bar ≤ 25 write calls {Verdict(calls <= 25)}");
                Assert.Equal((TwinCreates, TwinCreates), (records, distinct));
                Assert.True(calls <= 25, $"{TwinCreates} creates over two instances went to Zoho in {calls} write calls (bar ≤ 25): {Figures(first.Calls)}");
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    /// <summary>
    /// The app's sync defaults (push linger 1 s, sweep 5 s, retries) with what the test host needs: no scheduled pull
    /// or watch channel (their reads would compete with the pushes), no API rate limit or token throttle in the way,
    /// and logging at Warning as a production server logs.
    /// </summary>
    private static T Defaults<T>(T app)
        where T : LeadSyncAppFactory
    {
        app.WithQuietEngine()
            .With("Sync:PushLinger", "00:00:01")
            .With("Api:RateLimitPermits", "1000000")
            .With("Sandbox:TokenRequestsPer10Minutes", "100000")
            .With("Logging:LogLevel:Default", "Warning")
            .WithLogCapture(LogLevel.Warning);
        return app;
    }

    private static async Task<(SandboxCountingAppFactory First, LeadSyncAppFactory Second)> StartTwoAsync(string connectionString)
    {
        var first = Defaults(new SandboxCountingAppFactory());
        first.UsePostgres(connectionString).Start();
        await first.Sync.GetOverviewAsync(Token); // migrated before the second instance starts
        var sandbox = new Uri(first.BaseAddress, "sandbox/zoho");
        var credentials = await first.SandboxCredentialsAsync();
        var second = Defaults(new LeadSyncAppFactory());
        second.UsePostgres(connectionString).With("Database:MigrateOnStartup", "false").UseLiveZoho(sandbox, credentials).Start();
        await second.Sync.GetOverviewAsync(Token);
        return (first, second);
    }

    /// <summary>An API key made as an operator makes one (the console's API keys page calls the same service).</summary>
    private static async Task<string> ApiKeyAsync(IServiceProvider services) =>
        (await services.GetRequiredService<ApiKeys>().CreateAsync("Benchmark", "bench", Token)).Key;

    /// <summary>
    /// <c>POST /api/leads</c> <paramref name="count"/> times, create i going to <c>clients[i % clients.Length]</c> no
    /// earlier than <paramref name="spread"/> × i / count after the start, from <paramref name="workers"/> senders.
    /// </summary>
    private static async Task<TimeSpan> CreateAsync(HttpClient[] clients, string prefix, int count, TimeSpan spread, int workers)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        async Task SendAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var wait = (spread * i / count) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, Token);
                }

                using var response = await clients[i % clients.Length].PostAsJsonAsync("api/leads",
                    new { firstName = "Bench", lastName = $"{prefix} {i}", email = $"{prefix}.{i}@bench.example", company = "Bench Co" }, Token);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"create {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => SendAsync()));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Waits until the <paramref name="count"/> leads whose email starts with <paramref name="emailPrefix"/> are Synced
    /// and linked, the outbox is empty and every run has finished.
    /// </summary>
    private static Task WaitSyncedAsync(LeadSyncAppFactory app, string emailPrefix, int count) =>
        Eventually.TrueAsync(
            async () => await SyncedCountAsync(app, emailPrefix) == count && await app.OutboxCountAsync() == 0
                && (await app.RunsAsync()).All(r => r.FinishedAt is not null),
            $"the {count} {emailPrefix}* leads are Synced and every run finished", SyncTimeout, TimeSpan.FromMilliseconds(100));

    /// <summary>Watches the sandbox until no call has reached it for two seconds, so that a late or repeated write is counted too.</summary>
    private static async Task WaitQuietAsync(SandboxWriteCounter calls)
    {
        long seen;
        do
        {
            seen = calls.WriteCalls + calls.ReadCalls;
            await Task.Delay(TimeSpan.FromSeconds(2), Token);
        }
        while (seen != calls.WriteCalls + calls.ReadCalls);
    }

    private static Task<int> SyncedCountAsync(LeadSyncAppFactory app, string emailPrefix) =>
        app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized.StartsWith(emailPrefix) && l.SyncState == SyncState.Synced && l.ZohoId != null, Token));

    /// <summary>
    /// <see cref="BulkLeads"/> and <see cref="IdleLeads"/> leads written locally with their outbox entries (an import)
    /// and pushed by the engine, so every one is Synced; the calls that took are not part of any figure.
    /// </summary>
    private static async Task ArrangeSyncedAsync(SandboxCountingAppFactory app)
    {
        await app.ImportAsync(BulkLeads, "Bulk");
        await app.ImportAsync(IdleLeads, "Idle");
        await WaitSyncedAsync(app, "bulk.", BulkLeads);
        await WaitSyncedAsync(app, "idle.", IdleLeads);
        await WaitQuietAsync(app.Calls);
        app.Calls.Reset();
    }

    /// <summary>
    /// The console's "push all N matching" (<see cref="SyncBulkActions.PushAsync"/> with a filter), then waits until the
    /// matching leads are Synced again and nothing moves; the Zoho calls it took are the counter's from zero. Also says
    /// what the run the action started counted, and what other push runs (the sweep, the linger's nudge) did meanwhile.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, long WriteCalls, long RecordWrites, string Accounting)> PushAllAsync(
        SandboxCountingAppFactory app, LeadFilter filter, int count, string emailPrefix)
    {
        app.Calls.Reset();
        var since = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var runId = await app.Services.GetRequiredService<SyncBulkActions>().PushAsync(LeadSelection.Matching(filter, count), Token);
        await WaitSyncedAsync(app, emailPrefix, count);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await WaitQuietAsync(app.Calls);

        var runs = (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push && r.StartedAt >= since).ToList();
        var own = runs.Single(r => r.Id == runId);
        var others = runs.Where(r => r.Id != runId).ToList();
        var accounting = $"its run counted {own.Updated:N0} updated, {own.Unchanged:N0} unchanged; "
            + $"{others.Count} other push runs meanwhile counted {others.Sum(r => r.Updated):N0} updated, {others.Sum(r => r.Unchanged):N0} unchanged";
        return (elapsed, app.Calls.WriteCalls, app.Calls.RecordWrites, accounting);
    }

    /// <summary>
    /// A local change to every lead whose email starts with <paramref name="emailPrefix"/>, in one set-based statement
    /// that queues nothing (Core has no set-based edit, and a per-lead edit through <see cref="LeadCommands"/> is pushed
    /// by the engine on its own): the leads stay Synced with a Lead_Status their agreed values do not hold, so the push
    /// that follows has a real change to send for each.
    /// </summary>
    private static Task<int> EditStatusAsync(LeadSyncAppFactory app, string emailPrefix) =>
        app.QueryAsync(db => db.Leads.Where(l => l.EmailNormalized.StartsWith(emailPrefix)).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, BulkStatus)
            .SetProperty(l => l.UpdatedAt, DateTimeOffset.UtcNow)
            .SetProperty(l => l.Version, l => l.Version + 1), Token));

    /// <summary>The sandbox's records whose email starts with <paramref name="emailPrefix"/>, and how many distinct emails they hold.</summary>
    private static (int Records, int Emails) ZohoRecords(LeadSyncAppFactory app, string emailPrefix)
    {
        var records = app.Sandbox.Leads.Store.Search(null, 0, int.MaxValue).Items
            .Where(l => l.Email?.StartsWith(emailPrefix, StringComparison.OrdinalIgnoreCase) == true).ToList();
        return (records.Count, records.Select(l => l.Email!.ToLowerInvariant()).Distinct().Count());
    }

    private static string Figures(SandboxWriteCounter calls) =>
        $"{calls.WriteCalls} write calls ({calls.RefusedWriteCalls} refused), {calls.RecordWrites:N0} record writes"
        + $" (records per call: {Sizes(calls.BatchSizes)}), {calls.ReadCalls} read calls";

    /// <summary>Batch sizes, largest first, repeats folded: "100×19, 37, 12×2".</summary>
    private static string Sizes(IReadOnlyList<int> sizes) => sizes.Count == 0 ? "none" :
        string.Join(", ", sizes.GroupBy(s => s).OrderByDescending(g => g.Key).Select(g => g.Count() == 1 ? $"{g.Key}" : $"{g.Key}×{g.Count()}"));

    /// <summary>What each instance's push runs created, and in how many Zoho calls.</summary>
    private static async Task<string> SplitAsync(LeadSyncAppFactory app) =>
        string.Join(", ", (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).GroupBy(r => r.InstanceId)
            .Select((g, i) => $"instance {i + 1}: {g.Sum(r => r.Created)} created in {g.Sum(r => r.ApiCalls)} calls over {g.Count(r => r.Created > 0)} runs"));

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static Task RecordAsync(string benchmark, string variant, TimeSpan elapsed, string note)
    {
        var ms = elapsed.TotalMilliseconds;
        return BenchmarkRunner.RecordAsync(new BenchmarkResult(benchmark, variant, 1, ms, ms, ms, ms, $"{note}; {BenchmarkRunner.GcMode}"), Token);
    }
}
