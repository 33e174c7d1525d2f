using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class BulkWriteBenchmarks_Sqlite : BulkWriteBenchmarks
{
    protected override string Provider => "Sqlite";

    protected override Task<Func<Task>> UseDatabaseAsync(LeadSyncAppFactory app) => Task.FromResult<Func<Task>>(() => Task.CompletedTask);
}
