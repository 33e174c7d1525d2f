using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The console's Leads page query (<see cref="LeadQueries.GetPageAsync"/>: count + first page of 50, newest changes
/// first) over 100,000 leads. Target: median ≤ 30 ms with a search term matching a few percent of the rows.
/// </summary>
public abstract class LeadsPageQueryBenchmarks
{
    private const int LeadCount = 100_000;

    protected abstract TestDatabase CreateDatabase();

    [Fact]
    public async Task Leads_page_query_over_100k_leads()
    {
        var token = TestContext.Current.CancellationToken;
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        await BenchmarkLeads.SeedAsync(database, LeadCount, token);
        var queries = new LeadQueries(database.Contexts);
        var provider = database.Provider.ToString();

        var search = new LeadPageRequest { Filter = new LeadFilter { Search = BenchmarkLeads.RareCompanyWord.ToLowerInvariant() } };
        var matches = (await queries.GetPageAsync(search, token)).TotalCount;
        Assert.InRange(matches, LeadCount / BenchmarkLeads.CompanyCount / 2, LeadCount / BenchmarkLeads.CompanyCount * 2);

        var all = new LeadPageRequest();
        var page = await queries.GetPageAsync(all, token);
        Assert.Equal((LeadCount, 50), (page.TotalCount, page.Items.Count));

        await BenchmarkRunner.RunAsync("Leads page (search, UpdatedAt desc, 50 rows + count)", provider,
            ct => queries.GetPageAsync(search, ct), note: $"{LeadCount:N0} leads, {matches:N0} match", cancellationToken: token);
        await BenchmarkRunner.RunAsync("Leads page (no filter, UpdatedAt desc, 50 rows + count)", provider,
            ct => queries.GetPageAsync(all, ct), note: $"{LeadCount:N0} leads", cancellationToken: token);
        await BenchmarkRunner.RunAsync("Leads page (search, page 20, LastName asc)", provider,
            ct => queries.GetPageAsync(search with { SortBy = LeadSortField.LastName, Descending = false, Page = 20 }, ct),
            note: $"{LeadCount:N0} leads, {matches:N0} match", cancellationToken: token);
    }
}
