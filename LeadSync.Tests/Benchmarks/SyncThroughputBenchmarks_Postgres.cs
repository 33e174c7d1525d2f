using LeadSync.Tests.Infrastructure;

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

    /// <summary>The server's backends for the app's database: the save's work that PostgreSQL does outside the test process.</summary>
    protected override async Task<Dictionary<int, TimeSpan>?> ServerCpuAsync(LeadSyncAppFactory app) =>
        databases.TryGetValue(app, out var database) ? await MachineLoad.ServerCpuAsync(database, TestContext.Current.CancellationToken) : null;
}
