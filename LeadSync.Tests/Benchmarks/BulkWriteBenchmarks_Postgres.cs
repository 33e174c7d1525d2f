using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The same export on PostgreSQL: each file's claim of the run's reserved entries must read the reservation's index in
/// order up to the file, whatever autovacuum has counted meanwhile (decision 0006, "After autovacuum has counted the rows").
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class BulkWriteBenchmarks_Postgres : BulkWriteBenchmarks
{
    protected override string Provider => "PostgreSQL";

    protected override async Task<Func<Task>> UseDatabaseAsync(LeadSyncAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        app.UsePostgres(connectionString);
        return () => PostgresServer.DropDatabaseAsync(name, CancellationToken.None);
    }
}
