using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The same workloads on SQLite with <c>Database:SqliteSynchronous = Normal</c> (commits do not wait for fsync),
/// beside the default Full: what the setting buys, which depends on how busy the disk is.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncThroughputBenchmarks_SqliteNormal : SyncThroughputBenchmarks
{
    protected override string Provider => "SQLite synchronous=NORMAL";

    protected override Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync() =>
        Task.FromResult((new LeadSyncAppFactory().With("Database:SqliteSynchronous", "Normal"), (Func<Task>)(() => Task.CompletedTask)));
}
