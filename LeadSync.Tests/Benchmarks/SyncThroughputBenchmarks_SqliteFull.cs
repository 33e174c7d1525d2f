using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The same workloads on SQLite with <c>Database:SqliteSynchronous = Full</c> (SQLite's own default: every commit
/// waits for fsync), beside LeadSync's default Normal: what the setting costs, which grows with how busy the disk is.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncThroughputBenchmarks_SqliteFull : SyncThroughputBenchmarks
{
    protected override string Provider => "SQLite synchronous=FULL";

    protected override Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync() =>
        Task.FromResult((new LeadSyncAppFactory().With("Database:SqliteSynchronous", "Full"), (Func<Task>)(() => Task.CompletedTask)));
}
