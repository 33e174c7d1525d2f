using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class ExportBenchmarks_Sqlite : ExportBenchmarks
{
    protected override string Provider => "SQLite";

    protected override Task<(LeadSyncAppFactory Factory, Func<Task> Cleanup)> CreateAsync() =>
        Task.FromResult((new LeadSyncAppFactory(), (Func<Task>)(() => Task.CompletedTask)));
}
