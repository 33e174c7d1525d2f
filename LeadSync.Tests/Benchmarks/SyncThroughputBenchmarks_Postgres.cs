using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncThroughputBenchmarks_Postgres : SyncThroughputBenchmarks
{
    /// <summary>Each lane's database (a benchmark of two lanes has two), by the app that uses it.</summary>
    private readonly Dictionary<LeadSyncAppFactory, string> databases = [];

    protected override string Provider => "PostgreSQL";

    protected override async Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync()
    {
        var (name, database) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var app = new LeadSyncAppFactory().UsePostgres(database);
        databases[app] = database;
        return (app, () => PostgresServer.DropDatabaseAsync(name, CancellationToken.None));
    }

    /// <summary>
    /// Vacuums and analyzes the tables a round writes. Left to autovacuum, the vacuum of <c>Leads</c> the previous rounds
    /// had made due (7 s, 0.9 s of CPU, 20,000 pages read and dirtied on the benchmark's server) ran during a measured
    /// push now and then, and that round took 3.8 s where its neighbours took 2.9–3.1 s.
    /// </summary>
    protected override Task SettleDatabaseAsync(LeadSyncAppFactory app) =>
        app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "VACUUM (ANALYZE) \"Leads\", \"Outbox\", \"LeadHistory\", \"LeadCounts\"", TestContext.Current.CancellationToken));

    /// <summary>The server's backends for the app's database: the save's work that PostgreSQL does outside the test process.</summary>
    protected override async Task<Dictionary<int, TimeSpan>?> ServerCpuAsync(LeadSyncAppFactory app) =>
        databases.TryGetValue(app, out var database) ? await MachineLoad.ServerCpuAsync(database, TestContext.Current.CancellationToken) : null;
}
