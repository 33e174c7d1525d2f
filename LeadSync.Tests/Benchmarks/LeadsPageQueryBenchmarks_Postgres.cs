using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class LeadsPageQueryBenchmarks_Postgres : LeadsPageQueryBenchmarks
{
    protected override TestDatabase CreateDatabase() => KeptLeadsDatabase.Postgres("leads_page_1m");
}
