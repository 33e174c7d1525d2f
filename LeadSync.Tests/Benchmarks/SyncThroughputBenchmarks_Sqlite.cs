using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncThroughputBenchmarks_Sqlite : SyncThroughputBenchmarks
{
    protected override string Provider => "SQLite";

    protected override Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync() =>
        Task.FromResult((new LeadSyncAppFactory(), (Func<Task>)(() => Task.CompletedTask)));
}
