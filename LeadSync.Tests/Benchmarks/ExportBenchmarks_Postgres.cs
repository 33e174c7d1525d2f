using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class ExportBenchmarks_Postgres : ExportBenchmarks
{
    protected override string Provider => "PostgreSQL";

    protected override async Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        return (new LeadSyncAppFactory().UsePostgres(connectionString), () => PostgresServer.DropDatabaseAsync(name, CancellationToken.None));
    }
}
