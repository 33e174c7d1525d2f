using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Core.Leads;

/// <summary>
/// The leads list counts a quick search only so far (<see cref="LeadListOptions.SearchCountLimit"/>, here 5): exact at
/// or below the limit, "more than N" above it — N at least the limit and past the page asked for — with the rows
/// of every page still right, on SQLite and PostgreSQL (the subclasses). Counts without a search stay exact.
/// </summary>
public abstract class LeadSearchCountTests(TestDatabase database) : IAsyncLifetime
{
    private const int Limit = 5;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LeadQueries Queries => new(database.Contexts, Options.Create(new LeadListOptions { SearchCountLimit = Limit }));

    public async ValueTask InitializeAsync() => await database.ResetAsync(Token);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(Limit)]
    public async Task At_or_below_the_limit_the_count_is_exact(int matches)
    {
        await SeedAsync(matches, others: 10);

        var page = await PageAsync(LeadSortField.UpdatedAt, descending: true, page: 0, pageSize: 50);

        Assert.Equal((matches, false), (page.TotalCount, page.TotalIsLowerBound));
        Assert.Equal(matches, page.Items.Count);
    }

    [Theory]
    [InlineData(LeadSortField.UpdatedAt, true)]
    [InlineData(LeadSortField.LastName, false)]
    [InlineData(LeadSortField.Company, false)]
    public async Task Above_the_limit_the_page_says_more_than_the_limit_and_its_rows_are_right(LeadSortField sort, bool descending)
    {
        var globex = await SeedAsync(matches: 30, others: 10);

        var page = await PageAsync(sort, descending, page: 0, pageSize: 5);

        Assert.Equal((Limit, true), (page.TotalCount, page.TotalIsLowerBound));
        Assert.Equal(Expected(globex, sort, descending).Take(5), page.Items.Select(i => i.Id));
        Assert.Equal(30, await Queries.CountAsync(new LeadFilter { Search = "globex" }, Token)); // bulk actions: exact
    }

    [Theory]
    [InlineData(LeadSortField.UpdatedAt, true)]
    [InlineData(LeadSortField.LastName, false)]
    public async Task Past_the_limit_a_deeper_page_counts_past_itself_and_reads_its_own_rows(LeadSortField sort, bool descending)
    {
        var globex = await SeedAsync(matches: 30, others: 10);

        var page = await PageAsync(sort, descending, page: 3, pageSize: 5);

        Assert.Equal((20, true), (page.TotalCount, page.TotalIsLowerBound));
        Assert.Equal(Expected(globex, sort, descending).Skip(15).Take(5), page.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData(LeadSortField.UpdatedAt, true)]
    [InlineData(LeadSortField.LastName, false)]
    public async Task A_term_too_rare_for_the_walk_of_the_sort_index_is_counted_exactly_and_its_rows_are_right(LeadSortField sort, bool descending)
    {
        // Three matches at the far end of both sort orders behind 60 leads that do not match: the walk of the sort index
        // (PostgreSQL's SearchWalk; its budget here is √(2 × 6 × 63) = 28 entries) finds none and gives the term to the
        // search index, which still counts it exactly and reads its rows in list order.
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            db.Leads.AddRange(Enumerable.Range(0, 60).Select(n => Dated(n, $"Aaa{n:D2}", "Initech", T0.AddHours(2).AddMinutes(n))));
            db.Leads.AddRange(Enumerable.Range(60, 3).Select(n => Dated(n, $"Zzz{n:D2}", "Globex", T0.AddMinutes(n))));
            await db.SaveChangesAsync(Token);
        }

        var page = await PageAsync(sort, descending, page: 0, pageSize: 2);

        Assert.Equal((3, false), (page.TotalCount, page.TotalIsLowerBound));
        var expected = descending ? new[] { "Zzz62", "Zzz61" } : ["Zzz60", "Zzz61"];
        Assert.Equal(expected, page.Items.Select(i => i.LastName));
    }

    [Fact]
    public async Task A_search_with_a_sync_state_filter_is_bounded_too_and_counts_without_a_search_stay_exact()
    {
        var globex = await SeedAsync(matches: 30, others: 10);
        var filter = new LeadFilter { Search = "globex", SyncStates = [SyncState.Synced] };

        var page = await Queries.GetPageAsync(new LeadPageRequest { Filter = filter, PageSize = 5 }, Token);
        var all = await Queries.GetPageAsync(new LeadPageRequest { PageSize = 5 }, Token);

        Assert.Equal((Limit, true), (page.TotalCount, page.TotalIsLowerBound));
        Assert.Equal(Expected(globex, LeadSortField.UpdatedAt, true).Take(5), page.Items.Select(i => i.Id));
        Assert.Equal((40, false), (all.TotalCount, all.TotalIsLowerBound));
    }

    private Task<PagedResult<LeadListItem>> PageAsync(LeadSortField sort, bool descending, int page, int pageSize) =>
        Queries.GetPageAsync(new LeadPageRequest
        {
            Filter = new LeadFilter { Search = "globex" }, SortBy = sort, Descending = descending, Page = page, PageSize = pageSize,
        }, Token);

    /// <summary>The ids of <paramref name="leads"/> in the list's order (the column, then the id).</summary>
    private static IEnumerable<Guid> Expected(IReadOnlyList<Lead> leads, LeadSortField sort, bool descending)
    {
        Func<Lead, string> key = sort switch
        {
            LeadSortField.LastName => l => l.LastName,
            LeadSortField.Company => l => l.Company!,
            _ => l => l.UpdatedAt.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        };
        var ordered = descending
            ? leads.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(l => l.Id)
            : leads.OrderBy(key, StringComparer.Ordinal).ThenBy(l => l.Id);
        return ordered.Select(l => l.Id);
    }

    /// <summary><paramref name="matches"/> leads at Globex (the search) among <paramref name="others"/> that are not.</summary>
    private async Task<IReadOnlyList<Lead>> SeedAsync(int matches, int others)
    {
        var globex = Enumerable.Range(0, matches).Select(n => NewLead(n, $"Globex {n % 3}")).ToList();
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        db.Leads.AddRange(globex);
        db.Leads.AddRange(Enumerable.Range(matches, others).Select(n => NewLead(n, "Initech")));
        await db.SaveChangesAsync(Token);
        return globex;
    }

    private static Lead Dated(int n, string lastName, string company, DateTimeOffset updatedAt)
    {
        var lead = new Lead { CreatedAt = T0, UpdatedAt = updatedAt, SyncState = SyncState.Synced };
        lead.Apply(new LeadFields($"First{n:D2}", lastName, $"lead{n:D2}@example.com", null, null, company));
        return lead;
    }

    private static Lead NewLead(int n, string company)
    {
        var lead = new Lead
        {
            CreatedAt = T0.AddMinutes(n),
            UpdatedAt = T0.AddHours(1).AddMinutes(-(n * 7 % 40)),
            SyncState = SyncState.Synced,
        };
        lead.Apply(new LeadFields($"First{n:D2}", $"Last{n * 11 % 40:D2}", $"lead{n:D2}@example.com", null, null, company));
        return lead;
    }
}
