using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

/// <summary>
/// The leads list: paging, sorting, quick search and filters done by the database (run on SQLite and PostgreSQL by
/// the subclasses). Each test starts from an empty leads table of its class's own database.
/// </summary>
public abstract class LeadQueriesTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LeadQueries Queries => new(database.Contexts);

    public async ValueTask InitializeAsync() => await database.ResetAsync(Token);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static Lead NewLead(int n, string? firstName = null, string? lastName = null, string? email = null, string? phone = null,
        string? company = null, string? status = null, SyncState state = SyncState.Synced)
    {
        var lead = new Lead
        {
            CreatedAt = T0.AddMinutes(n),
            UpdatedAt = T0.AddHours(1).AddMinutes(-n),
            SyncState = state,
        };
        lead.Apply(new LeadFields(firstName ?? $"First{n:D2}", lastName ?? $"Last{n:D2}", email ?? $"lead{n:D2}@example.com", phone, status, company));
        return lead;
    }

    private async Task SeedAsync(params Lead[] leads)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(Token);
    }

    private async Task<IReadOnlyList<LeadListItem>> PageAsync(LeadFilter? filter = null, LeadSortField sort = LeadSortField.UpdatedAt,
        bool descending = true, int page = 0, int pageSize = 50) =>
        (await Queries.GetPageAsync(new LeadPageRequest
        {
            Filter = filter ?? LeadFilter.All, SortBy = sort, Descending = descending, Page = page, PageSize = pageSize,
        }, Token)).Items;

    private async Task<string[]> SearchAsync(string term) =>
        (await PageAsync(new LeadFilter { Search = term }, LeadSortField.LastName, descending: false)).Select(i => i.LastName).ToArray();

    public static TheoryData<string> HostileSearchTerms() =>
    [
        "abc\0def", "\0", "fair\u0001weather", "fair\uD800weather", "\uDC00", "\"", "\"\"\"", "fair\"weather", "NEAR(fair weather)",
        "fair* OR weather", "^fair", "-fair", "fair AND NOT weather", "{fair}", "'; DROP TABLE \"Leads\"; --", "%", "_", "\\",
        new string('x', 10_000), "🚀", "e\u0301", "\u200B",
    ];

    [Fact] // issue 17: a search matching many leads walks the sort index, one matching few (or a deep page) takes its matches first
    public async Task A_search_pages_alike_whether_it_matches_many_leads_or_few()
    {
        var leads = Enumerable.Range(1, 30)
            .Select(n => NewLead(n, lastName: $"Name{n % 4}", company: n == 7 ? "Umbrella" : n % 3 == 0 ? "Initech" : "Acme Corp"))
            .ToArray();
        await SeedAsync(leads);

        // 19, 10 and 1 of 30 match: the first page of a frequent term walks the index, later pages and rare terms do not
        foreach (var (term, page) in new[] { ("acme", 0), ("acme", 3), ("initech", 1), ("umbrella", 0) })
        {
            var expected = leads.Where(l => l.Company!.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
            var byDate = await PageAsync(new LeadFilter { Search = term }, page: page, pageSize: 5);
            Assert.Equal(expected.OrderByDescending(l => l.UpdatedAt).Skip(page * 5).Take(5).Select(l => l.Id), byDate.Select(i => i.Id));
            var byName = await PageAsync(new LeadFilter { Search = term }, LeadSortField.LastName, descending: false, page: page, pageSize: 5);
            Assert.Equal(expected.Select(l => l.LastName).Order(StringComparer.Ordinal).Skip(page * 5).Take(5), byName.Select(i => i.LastName));
            var counted = await Queries.GetPageAsync(new LeadPageRequest { Filter = new LeadFilter { Search = term, SyncStates = [SyncState.Synced] } }, Token);
            Assert.Equal(expected.Count, counted.TotalCount);
        }
    }

    [Theory] // issue 11.5: any search text is safe on both databases
    [MemberData(nameof(HostileSearchTerms))]
    public async Task Any_search_text_answers_without_an_error(string term)
    {
        await SeedAsync(NewLead(1, lastName: "Fairweather"));

        var page = await Queries.GetPageAsync(new LeadPageRequest { Filter = new LeadFilter { Search = term }, PageSize = 10 }, Token);

        Assert.True(page.TotalCount <= 1);
        Assert.Equal(page.TotalCount, page.Items.Count);
    }

    [Fact]
    public async Task A_search_term_with_a_control_character_matches_nothing_rather_than_a_neighbour()
    {
        await SeedAsync(NewLead(1, lastName: "Abcdef"));

        Assert.Empty(await SearchAsync("abc\0def"));
        Assert.Equal(["Abcdef"], await SearchAsync("abcdef"));
    }

    [Fact]
    public async Task Search_follows_edits_and_deletes_of_a_lead()
    {
        var lead = NewLead(1, lastName: "Fairweather", company: "Initech");
        await SeedAsync(lead, NewLead(2, lastName: "Other"));

        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var stored = await db.Leads.FindAsync([lead.Id], Token);
            stored!.Apply(stored.Fields with { Company = "Globex Corporation" });
            await db.SaveChangesAsync(Token);
        }

        Assert.Empty(await SearchAsync("initech"));
        Assert.Equal(["Fairweather"], await SearchAsync("globex"));

        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            db.Leads.Remove((await db.Leads.FindAsync([lead.Id], Token))!);
            await db.SaveChangesAsync(Token);
        }

        Assert.Empty(await SearchAsync("globex"));
        Assert.Equal(["Other"], await SearchAsync("other"));
    }

    [Fact]
    public async Task Pages_split_the_sorted_list_without_gaps_or_overlaps_and_count_all_rows()
    {
        await SeedAsync(Enumerable.Range(1, 7).Select(n => NewLead(n)).ToArray());

        var pages = new List<IReadOnlyList<LeadListItem>>();
        int total = 0;
        for (var page = 0; page < 4; page++)
        {
            var result = await Queries.GetPageAsync(new LeadPageRequest { SortBy = LeadSortField.CreatedAt, Descending = false, Page = page, PageSize = 3 }, Token);
            pages.Add(result.Items);
            total = result.TotalCount;
        }

        Assert.Equal(7, total);
        Assert.Equal([3, 3, 1, 0], pages.Select(p => p.Count).ToArray());
        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"Last{n:D2}"), pages.SelectMany(p => p).Select(i => i.LastName));
    }

    [Fact]
    public async Task Page_size_is_at_least_one_and_a_negative_page_is_the_first()
    {
        await SeedAsync(NewLead(1), NewLead(2));

        Assert.Single(await PageAsync(pageSize: 0));
        Assert.Equal("Last01", Assert.Single(await PageAsync(sort: LeadSortField.CreatedAt, descending: false, page: -3, pageSize: 1)).LastName);
    }

    [Fact]
    public async Task List_items_carry_the_leads_values()
    {
        var lead = NewLead(1, "Zoë", "Müller", "Zoe.Muller@Example.com", "+49 30 1234", "Müller GmbH", "Contacted", SyncState.Error);
        lead.ZohoId = "5725767000000123456";
        lead.LastError = new SyncError("INVALID_DATA", "Email", "bad email");
        await SeedAsync(lead);

        var item = Assert.Single(await PageAsync());

        Assert.Equal(
            (lead.Id, "Zoë", "Müller", "Zoe.Muller@Example.com", "+49 30 1234", "Contacted", "Müller GmbH", "5725767000000123456", SyncState.Error),
            (item.Id, item.FirstName, item.LastName, item.Email, item.Phone, item.Status, item.Company, item.ZohoId, item.SyncState));
        Assert.Equal(("INVALID_DATA", "bad email"), (item.LastErrorCode, item.LastErrorMessage));
        Assert.Equal((lead.CreatedAt, lead.UpdatedAt, 1L), (item.CreatedAt, item.UpdatedAt, item.Version));
        Assert.Equal("Zoë Müller", item.DisplayName);
    }

    public static TheoryData<LeadSortField, bool> SortCases()
    {
        var cases = new TheoryData<LeadSortField, bool>();
        foreach (var field in Enum.GetValues<LeadSortField>())
        {
            cases.Add(field, false);
            cases.Add(field, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(SortCases))]
    public async Task Sorts_on_every_sort_field_in_both_directions(LeadSortField field, bool descending)
    {
        // Five leads whose values rank differently on every column (a different permutation per column).
        int[] ranks = [3, 1, 4, 0, 2];
        SyncState[] states = [SyncState.Conflict, SyncState.DeadLetter, SyncState.Error, SyncState.NeverSynced, SyncState.Pending];
        var leads = Enumerable.Range(0, 5).Select(i =>
        {
            var r = ranks[i];
            var s = ranks[(i + 2) % 5];
            var lead = NewLead(i, firstName: $"F{(char)('A' + s)}", lastName: $"L{(char)('A' + r)}", email: $"{(char)('a' + ranks[(i + 1) % 5])}{i}@example.com",
                phone: $"555 010{ranks[(i + 3) % 5]}", company: $"Co {(char)('A' + ranks[(i + 4) % 5])}", status: $"S{(char)('A' + (4 - r))}",
                state: states[s]);
            lead.CreatedAt = T0.AddDays(s);
            lead.UpdatedAt = T0.AddDays(10 + r);
            lead.LastSyncedAt = T0.AddDays(20 + ranks[(i + 1) % 5]);
            lead.ZohoModifiedTime = T0.AddDays(30 + ranks[(i + 4) % 5]);
            lead.ZohoId = $"572576700000000{ranks[(i + 1) % 5]}{i}";
            return lead;
        }).ToArray();
        await SeedAsync(leads);

        Func<Lead, IComparable> key = field switch
        {
            LeadSortField.UpdatedAt => l => l.UpdatedAt,
            LeadSortField.CreatedAt => l => l.CreatedAt,
            LeadSortField.FirstName => l => l.FirstName!,
            LeadSortField.LastName => l => l.LastName,
            LeadSortField.Email => l => l.EmailNormalized,
            LeadSortField.Phone => l => l.Phone!,
            LeadSortField.Company => l => l.Company!,
            LeadSortField.Status => l => l.Status!,
            // Stored as its name, so the list sorts sync states alphabetically.
            LeadSortField.SyncState => l => l.SyncState.ToString(),
            LeadSortField.LastSyncedAt => l => l.LastSyncedAt!.Value,
            LeadSortField.ZohoModifiedTime => l => l.ZohoModifiedTime!.Value,
            LeadSortField.ZohoId => l => l.ZohoId!,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var expected = (descending ? leads.OrderByDescending(key, Comparer<IComparable>.Default) : leads.OrderBy(key, Comparer<IComparable>.Default))
            .Select(l => l.Id).ToArray();

        var actual = (await PageAsync(sort: field, descending: descending)).Select(i => i.Id).ToArray();

        Assert.Equal(expected, actual);
        Assert.NotEqual(leads.Select(l => l.Id).ToArray(), actual);
    }

    [Fact]
    public async Task Equal_sort_values_are_ordered_by_id_so_paging_is_stable()
    {
        var leads = Enumerable.Range(1, 6).Select(n => NewLead(n, company: "Same")).ToArray();
        await SeedAsync(leads);

        var paged = new List<Guid>();
        for (var page = 0; page < 3; page++)
        {
            paged.AddRange((await PageAsync(sort: LeadSortField.Company, descending: false, page: page, pageSize: 2)).Select(i => i.Id));
        }

        Assert.Equal(leads.Select(l => l.Id.ToString()).Order(StringComparer.Ordinal), paged.Select(id => id.ToString()));
    }

    [Fact]
    public async Task Quick_search_matches_first_and_last_name_email_phone_and_company()
    {
        await SeedAsync(
            NewLead(1, firstName: "Needle", lastName: "ByFirst"),
            NewLead(2, lastName: "NeedleByLast"),
            NewLead(3, lastName: "ByEmail", email: "the.needle@example.com"),
            NewLead(4, lastName: "ByPhone", phone: "+1 555 0199"),
            NewLead(5, lastName: "ByCompany", company: "Haystack & Needle Ltd"),
            NewLead(6, lastName: "Unrelated", company: "Nothing here", status: "Needle")); // status is not searched

        Assert.Equal(["ByCompany", "ByEmail", "ByFirst", "NeedleByLast"], await SearchAsync("needle"));
        Assert.Equal(["ByPhone"], await SearchAsync("555 01"));
    }

    [Fact]
    public async Task Quick_search_ignores_case_including_non_ascii_letters()
    {
        await SeedAsync(
            NewLead(1, firstName: "Zoë", lastName: "Müller"),
            NewLead(2, firstName: "José", lastName: "Núñez", company: "ÉCOLE Privée"),
            NewLead(3, firstName: "小龙", lastName: "李"),
            NewLead(4, firstName: "Zoe", lastName: "Mueller"));

        Assert.Equal(["Müller"], await SearchAsync("ZOË"));
        Assert.Equal(["Müller"], await SearchAsync("mÜller"));
        Assert.Equal(["Núñez"], await SearchAsync("école"));
        Assert.Equal(["Núñez"], await SearchAsync("  JOSÉ  "));
        Assert.Equal(["李"], await SearchAsync("李"));
        Assert.Equal(["Mueller"], await SearchAsync("zoe"));
    }

    [Fact]
    public async Task Quick_search_treats_percent_underscore_and_backslash_literally()
    {
        await SeedAsync(
            NewLead(1, lastName: "Percent", company: "100% Organic"),
            NewLead(2, lastName: "NoPercent", company: "1000 Organic"),
            NewLead(3, lastName: "Underscore", email: "a_b@example.com"),
            NewLead(4, lastName: "NoUnderscore", email: "axb@example.com"),
            NewLead(5, lastName: "Backslash", company: "C:\\Data"));

        Assert.Equal(["Percent"], await SearchAsync("100%"));
        Assert.Equal(["Percent"], await SearchAsync("0% o"));
        Assert.Equal(["Underscore"], await SearchAsync("a_b"));
        Assert.Equal(["Backslash"], await SearchAsync("c:\\d"));
        Assert.Equal(["Percent"], await SearchAsync("%"));
        Assert.Equal(["Underscore"], await SearchAsync("_"));
    }

    [Fact]
    public async Task Blank_search_matches_everything()
    {
        await SeedAsync(NewLead(1), NewLead(2));

        Assert.Equal(2, await Queries.CountAsync(new LeadFilter { Search = "   " }, Token));
    }

    [Fact]
    public async Task Filters_by_sync_state()
    {
        await SeedAsync(
            NewLead(1, lastName: "A", state: SyncState.Pending),
            NewLead(2, lastName: "B", state: SyncState.Error),
            NewLead(3, lastName: "C", state: SyncState.Synced),
            NewLead(4, lastName: "D", state: SyncState.Error));

        var errors = await PageAsync(new LeadFilter { SyncStates = [SyncState.Error] }, LeadSortField.LastName, descending: false);
        var pendingOrConflict = await PageAsync(new LeadFilter { SyncStates = [SyncState.Pending, SyncState.Conflict, SyncState.Pending] });

        Assert.Equal(["B", "D"], errors.Select(i => i.LastName));
        Assert.Equal(["A"], pendingOrConflict.Select(i => i.LastName));
    }

    [Fact]
    public async Task Filters_by_status_where_empty_means_no_status()
    {
        await SeedAsync(
            NewLead(1, lastName: "A", status: "Contacted"),
            NewLead(2, lastName: "B", status: "Junk Lead"),
            NewLead(3, lastName: "C", status: null),
            NewLead(4, lastName: "D", status: "contacted"));

        async Task<string[]> StatusAsync(params string[] statuses) =>
            (await PageAsync(new LeadFilter { Statuses = statuses }, LeadSortField.LastName, descending: false)).Select(i => i.LastName).ToArray();

        Assert.Equal(["A"], await StatusAsync("Contacted"));
        Assert.Equal(["A", "B"], await StatusAsync("Contacted", "Junk Lead"));
        Assert.Equal(["C"], await StatusAsync(""));
        Assert.Equal(["B", "C"], await StatusAsync("", "Junk Lead"));
    }

    [Fact]
    public async Task Search_and_filters_combine_and_count_agrees_with_the_page_and_the_ids()
    {
        await SeedAsync(
            NewLead(1, lastName: "Match1", company: "Acme", status: "Contacted", state: SyncState.Error),
            NewLead(2, lastName: "Match2", company: "ACME Labs", status: "Contacted", state: SyncState.Error),
            NewLead(3, lastName: "WrongState", company: "Acme", status: "Contacted", state: SyncState.Synced),
            NewLead(4, lastName: "WrongStatus", company: "Acme", status: "Lost Lead", state: SyncState.Error),
            NewLead(5, lastName: "WrongCompany", company: "Globex", status: "Contacted", state: SyncState.Error));
        var filter = new LeadFilter { Search = "acme", SyncStates = [SyncState.Error], Statuses = ["Contacted"] };

        var result = await Queries.GetPageAsync(new LeadPageRequest { Filter = filter, PageSize = 1 }, Token);
        var count = await Queries.CountAsync(filter, Token);
        var ids = await Queries.GetIdsAsync(filter, Token);

        Assert.Equal(2, result.TotalCount);
        Assert.Single(result.Items);
        Assert.Equal(2, count);
        Assert.Equal(2, ids.Count);
        Assert.Equal(5, await Queries.CountAsync(LeadFilter.All, Token));
    }

    [Fact]
    public async Task Find_returns_the_lead_or_null()
    {
        var lead = NewLead(1, firstName: "Zoë");
        await SeedAsync(lead);

        Assert.Equal("Zoë", (await Queries.FindAsync(lead.Id, Token))?.FirstName);
        Assert.Null(await Queries.FindAsync(Guid.NewGuid(), Token));
    }
}
