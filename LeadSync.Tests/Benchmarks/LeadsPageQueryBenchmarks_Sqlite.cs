using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class LeadsPageQueryBenchmarks_Sqlite : LeadsPageQueryBenchmarks
{
    protected override TestDatabase CreateDatabase() => KeptLeadsDatabase.Sqlite("leads_page_1m");
}
