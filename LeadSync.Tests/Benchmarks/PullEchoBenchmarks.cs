using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Webhooks;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 14's pull bars, counted where the calls arrive (<see cref="SandboxWriteCounter"/>): after 3,000 leads created
/// in one Zoho second and pulled, each idle pull costs ≤ 1 list call (14.5); 1,000 of LeadSync's own writes notified
/// back by Zoho start 0 webhook pull runs (14.8), whether they leave as an import or as one-by-one API creates. Each
/// benchmark writes its row first, then fails if it missed its bar.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class PullEchoBenchmarks
{
    private const string Sqlite = "SQLite";
    private const string Postgres = "PostgreSQL";
    private const string Import = "import";
    private const string ApiOneByOne = "API one by one";
    private const int BurstLeads = 3_000;
    private const int IdlePulls = 5;
    private const int OwnWrites = 1_000;
    private static readonly TimeSpan CreateSpread = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EchoLimit = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Sqlite)]
    [InlineData(Postgres)]
    public async Task Idle_pull_after_3000_leads_in_one_Zoho_second(string provider)
    {
        var (database, connectionString) = await DatabaseAsync(provider);
        try
        {
            await using var app = Quiet(new SandboxCountingAppFactory(), connectionString);
            app.Start();
            await app.ZohoSeedAsync(BurstLeads, "Burst", DateTimeOffset.UtcNow.AddMinutes(-1), perSecond: BurstLeads);

            var first = await CountedPullAsync(app);
            var idle = new List<(TimeSpan Elapsed, long ListCalls, long DeletedListCalls, SyncRun Run)>();
            for (var i = 0; i < IdlePulls; i++)
            {
                idle.Add(await CountedPullAsync(app));
            }

            var most = idle.Max(p => p.ListCalls);
            var met = most <= 1;
            var ms = idle.Select(p => p.Elapsed.TotalMilliseconds).Order().ToArray();
            await BenchmarkRunner.RecordAsync(new BenchmarkResult($"Idle pull after {BurstLeads:N0} leads in one Zoho second", provider, ms.Length,
                ms[ms.Length / 2], ms[^1], ms[0], ms[^1],
                $"list calls per idle pull: {string.Join(", ", idle.Select(p => p.ListCalls))}; deleted-list calls: {string.Join(", ", idle.Select(p => p.DeletedListCalls))}; "
                + $"records read again (unchanged): {string.Join(", ", idle.Select(p => p.Run.Unchanged))}; "
                + $"first pull: {first.Run.Created:N0} created in {first.Elapsed.TotalMilliseconds:0} ms, {first.ListCalls} list calls + {first.DeletedListCalls} deleted-list calls "
                + $"(its run counted {first.Run.ApiCalls} API calls); bar ≤ 1 list call per idle pull {Verdict(met)}; {BenchmarkRunner.GcMode}"),
                Token);

            Assert.Equal(BurstLeads, first.Run.Created);
            Assert.All(idle, p => Assert.Null(p.Run.Error));
            Assert.True(met, $"an idle pull after {BurstLeads} leads in one Zoho second made {most} list calls (bar ≤ 1); per idle pull: {string.Join(", ", idle.Select(p => p.ListCalls))}");
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
            }
        }
    }

    [Theory]
    [InlineData(Sqlite, Import)]
    [InlineData(Sqlite, ApiOneByOne)]
    [InlineData(Postgres, Import)]
    [InlineData(Postgres, ApiOneByOne)]
    public async Task Own_writes_notified_back(string provider, string way)
    {
        var (database, connectionString) = await DatabaseAsync(provider);
        try
        {
            await using var app = Notified(new SandboxCountingAppFactory(), connectionString);
            app.Start();
            await app.WatchChannelAsync(TimeSpan.FromSeconds(30));
            await WaitQuietAsync(app);
            app.Calls.Reset();
            var since = DateTimeOffset.UtcNow;
            var prefix = way == Import ? "echoimport" : "echoapi";
            var started = Stopwatch.GetTimestamp();

            var writing = way == Import ? await ImportAsync(app, prefix) : await CreateOneByOneAsync(app, prefix);
            var (synced, emptied) = await WaitEchoedAsync(app, $"{prefix}.", started);
            await WaitQuietAsync(app);

            var runs = (await app.RunsAsync()).Where(r => r.StartedAt >= since).ToList();
            var webhookRuns = runs.Where(r => r.Trigger == SyncTrigger.Webhook).ToList();
            var echoesLeft = await EchoesAsync(app);
            var syncedCount = await SyncedCountAsync(app, $"{prefix}.");
            var calls = app.Calls;
            var met = webhookRuns.Count == 0;
            var elapsed = (emptied ?? Stopwatch.GetElapsedTime(started)).TotalMilliseconds;
            await BenchmarkRunner.RecordAsync(new BenchmarkResult($"{OwnWrites:N0} own writes notified back ({way})", $"{provider}, linger 1 s", 1,
                elapsed, elapsed, elapsed, elapsed,
                $"{WebhookRuns(webhookRuns)}; "
                + $"{calls.Notifications} notifications naming {calls.NotifiedIds:N0} ids; {calls.ListCalls} list/get calls, {calls.DeletedListCalls} deleted-list calls, {calls.ReadCalls} reads in all; "
                + $"{calls.WriteCalls} write calls carrying {calls.RecordWrites:N0} records; writes took {writing.TotalSeconds:0.0} s; "
                + $"all {syncedCount:N0} Synced after {Seconds(synced)}, echoes table empty after {Seconds(emptied)} ({echoesLeft} left); "
                + $"bar 0 webhook pull runs {Verdict(met)}; {BenchmarkRunner.GcMode}"),
                Token);

            Assert.Equal(OwnWrites, syncedCount);
            Assert.True(met, $"{OwnWrites} own writes ({way}) notified back started {webhookRuns.Count} webhook runs (bar 0): "
                + string.Join("; ", webhookRuns.Select(r => $"{r.Kind} at {r.StartedAt:HH:mm:ss.fff}: {r.Created}/{r.Updated}/{r.Unchanged}, {r.ApiCalls} calls")));
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The app's sync defaults with the engine quiet (no scheduled pull, no watch channel: only the benchmark's pulls
    /// reach Zoho), logging at Warning as a production server logs.
    /// </summary>
    private static SandboxCountingAppFactory Quiet(SandboxCountingAppFactory app, string? connectionString) =>
        AsServer(app.WithQuietEngine(), connectionString);

    /// <summary>
    /// Set up as <see cref="LeadSyncAppFactory.StartForWebhooks"/> sets up the webhook tests (watch channel on, scheduled
    /// pull at one hour), but with the app's own push linger (1 s), sweep and coalescing delay rather than the fast test
    /// ones; no API rate limit or token throttle in the way; logging at Warning.
    /// </summary>
    private static SandboxCountingAppFactory Notified(SandboxCountingAppFactory app, string? connectionString) =>
        AsServer(app.WithWebhooks().With("Api:RateLimitPermits", "1000000"), connectionString);

    /// <summary>No token throttle in the way, logging at Warning, and the database asked for (SQLite when none).</summary>
    private static SandboxCountingAppFactory AsServer(LeadSyncAppFactory configured, string? connectionString)
    {
        configured.With("Sandbox:TokenRequestsPer10Minutes", "100000")
            .With("Logging:LogLevel:Default", "Warning")
            .WithLogCapture(LogLevel.Warning);
        if (connectionString is not null)
        {
            configured.UsePostgres(connectionString);
        }

        return (SandboxCountingAppFactory)configured;
    }

    /// <summary>One pull, timed, with the list and deleted-list calls that reached the sandbox during it.</summary>
    private static async Task<(TimeSpan Elapsed, long ListCalls, long DeletedListCalls, SyncRun Run)> CountedPullAsync(SandboxCountingAppFactory app)
    {
        app.Calls.Reset();
        var started = Stopwatch.GetTimestamp();
        var run = await app.PullAsync();
        return (Stopwatch.GetElapsedTime(started), app.Calls.ListCalls, app.Calls.DeletedListCalls, run);
    }

    /// <summary>An import: <see cref="OwnWrites"/> leads and their outbox entries in one transaction, then a nudge.</summary>
    private static async Task<TimeSpan> ImportAsync(LeadSyncAppFactory app, string prefix)
    {
        var started = Stopwatch.GetTimestamp();
        await app.ImportAsync(OwnWrites, prefix);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary><c>POST /api/leads</c> <see cref="OwnWrites"/> times from one sender, create i no earlier than <see cref="CreateSpread"/> × i / N.</summary>
    private static async Task<TimeSpan> CreateOneByOneAsync(LeadSyncAppFactory app, string prefix)
    {
        using var api = app.CreateApiClient();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < OwnWrites; i++)
        {
            var wait = (CreateSpread * i / OwnWrites) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Token);
            }

            using var response = await api.PostAsJsonAsync("api/leads",
                new { firstName = "Echo", lastName = $"{prefix} {i}", email = $"{prefix}.{i}@bench.example", company = "Echo Co" }, Token);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"create {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Polls until the <see cref="OwnWrites"/> leads are Synced and the outbox is empty, and then until every write was
    /// notified back (at least one notified id per lead) and the expected-echoes table is empty; gives up after
    /// <see cref="EchoLimit"/> from <paramref name="started"/>. Returns when each first held (null: not within the limit).
    /// </summary>
    private static async Task<(TimeSpan? Synced, TimeSpan? Emptied)> WaitEchoedAsync(SandboxCountingAppFactory app, string emailPrefix, long started)
    {
        TimeSpan? synced = null;
        while (Stopwatch.GetElapsedTime(started) < EchoLimit)
        {
            synced ??= await SyncedCountAsync(app, emailPrefix) == OwnWrites && await app.OutboxCountAsync() == 0 ? Stopwatch.GetElapsedTime(started) : null;
            if (synced is not null && app.Calls.NotifiedIds >= OwnWrites && await EchoesAsync(app) == 0)
            {
                return (synced, Stopwatch.GetElapsedTime(started));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Token);
        }

        return (synced, null);
    }

    /// <summary>
    /// Watches the sandbox's door until no call and no notification has passed it for two seconds and every run has
    /// finished, so that a late notification, or the run it starts, is counted too.
    /// </summary>
    private static async Task WaitQuietAsync(SandboxCountingAppFactory app)
    {
        var calls = app.Calls;
        long seen;
        do
        {
            seen = calls.WriteCalls + calls.ReadCalls + calls.Notifications;
            await Task.Delay(TimeSpan.FromSeconds(2), Token);
        }
        while (seen != calls.WriteCalls + calls.ReadCalls + calls.Notifications || (await app.RunsAsync()).Any(r => r.FinishedAt is null));
    }

    /// <summary>A new PostgreSQL database for <see cref="Postgres"/> (the caller drops it), none for SQLite (the app's own file).</summary>
    private static async Task<(string? Name, string? ConnectionString)> DatabaseAsync(string provider) =>
        provider == Postgres ? await PostgresServer.CreateDatabaseAsync(Token) : (null, null);

    private static Task<int> SyncedCountAsync(LeadSyncAppFactory app, string emailPrefix) =>
        app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized.StartsWith(emailPrefix) && l.SyncState == SyncState.Synced && l.ZohoId != null, Token));

    private static Task<int> EchoesAsync(LeadSyncAppFactory app) => app.QueryAsync(db => db.Set<ExpectedEcho>().CountAsync(Token));

    /// <summary>"0 webhook runs", or "2 webhook runs (1 PullLeads, 1 Pull) reading 37 records".</summary>
    private static string WebhookRuns(List<SyncRun> runs) => runs.Count == 0 ? "0 webhook runs" :
        $"{runs.Count} webhook runs ({string.Join(", ", runs.GroupBy(r => r.Kind).Select(g => $"{g.Count()} {g.Key}"))}) reading {runs.Sum(r => r.Created + r.Updated + r.Unchanged)} records";

    private static string Seconds(TimeSpan? elapsed) => elapsed is { } e ? $"{e.TotalSeconds:0.0} s" : $"more than {EchoLimit.TotalSeconds:0} s";

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
