using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncThroughputBenchmarks_Postgres : SyncThroughputBenchmarks
{
    private string? connectionString;

    protected override string Provider => "PostgreSQL";

    protected override async Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync()
    {
        var (name, database) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        connectionString = database;
        return (new LeadSyncAppFactory().UsePostgres(database), () => PostgresServer.DropDatabaseAsync(name, CancellationToken.None));
    }

    /// <summary>The server's backends for this database: the save's work that PostgreSQL does outside the test process.</summary>
    protected override async Task<Dictionary<int, TimeSpan>?> ServerCpuAsync() =>
        connectionString is null ? null : await MachineLoad.ServerCpuAsync(connectionString, TestContext.Current.CancellationToken);
}
