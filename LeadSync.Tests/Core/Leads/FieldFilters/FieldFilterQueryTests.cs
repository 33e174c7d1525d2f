using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;
using LeadSync.Core.Leads.Transfer;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.FieldFilters;

/// <summary>
/// Filters and sorts on mapped extra fields, done by the database (run on SQLite and PostgreSQL by the subclasses): every
/// kind's filter, every kind's sort with leads without a value last and stable paging, and the counts, "all matching"
/// ids and CSV export sharing the page's filter. Five leads named A–E; E holds text where a number belongs (a field Zoho
/// retyped), which must neither match a number filter nor break the query.
/// </summary>
public abstract class FieldFilterQueryTests(TestDatabase database) : IAsyncLifetime
{
    private readonly SampleMappedFields mapped = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LeadQueries Queries => new(database.Contexts);

    public async ValueTask InitializeAsync()
    {
        await database.ResetAsync(Token);
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        db.Leads.AddRange(
            Lead("A", LeadFieldValues.Empty.With("Industry", FieldValue.Text("Retail")).With("Annual_Revenue", FieldValue.Number(1000))
                .With("No_of_Employees", FieldValue.Number(10)).With("Interests__c", FieldValue.List(["CRM", "BI"]))
                .With("Follow_Up__c", FieldValue.Text("2026-12-01")).With("Last_Demo__c", FieldValue.Text("2026-12-03T09:30:00+00:00"))
                .With("Email_Opt_Out", FieldValue.Boolean(true)).With("Designation", FieldValue.Text("CTO"))),
            Lead("B", LeadFieldValues.Empty.With("Industry", FieldValue.Text("Healthcare")).With("Annual_Revenue", FieldValue.Number(250000.5m))
                .With("No_of_Employees", FieldValue.Number(200)).With("Interests__c", FieldValue.List(["ERP"]))
                .With("Follow_Up__c", FieldValue.Text("2026-12-24")).With("Last_Demo__c", FieldValue.Text("2026-12-03T23:59:59+00:00"))
                .With("Email_Opt_Out", FieldValue.Boolean(false)).With("Designation", FieldValue.Text("Head of 50% sales_ops"))),
            Lead("C", LeadFieldValues.Empty.With("Industry", FieldValue.Text("Manufacturing")).With("Annual_Revenue", FieldValue.Number(99))
                .With("Interests__c", FieldValue.List(["CRM"])).With("Follow_Up__c", FieldValue.Text("2027-01-05"))
                .With("Last_Demo__c", FieldValue.Text("2026-12-04T00:00:00+00:00")).With("Designation", FieldValue.Text("cto deputy"))),
            Lead("D", LeadFieldValues.Empty),
            Lead("E", LeadFieldValues.Empty.With("Industry", FieldValue.Text("Retail")).With("Annual_Revenue", FieldValue.Text("n/a"))
                .With("Email_Opt_Out", FieldValue.Boolean(true))));
        await db.SaveChangesAsync(Token);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string[], string> Filters() => new()
    {
        { ["Industry:Retail"], "AE" },
        { ["Industry:Retail", "Industry:Healthcare"], "ABE" },
        { ["Annual_Revenue:100..250000.5"], "AB" },
        { ["Annual_Revenue:..100"], "C" },
        { ["Annual_Revenue:1000"], "A" },
        { ["No_of_Employees:50.."], "B" },
        { ["Interests__c:CRM"], "AC" },
        { ["Interests__c:CRM", "Interests__c:BI"], "A" },
        { ["Follow_Up__c:2026-12-01..2026-12-24"], "AB" },
        { ["Follow_Up__c:2027-01-01.."], "C" },
        { ["Last_Demo__c:2026-12-03..2026-12-03"], "AB" },
        { ["Last_Demo__c:2026-12-04.."], "C" },
        { ["Email_Opt_Out:yes"], "AE" },
        { ["Email_Opt_Out:no"], "B" },
        { ["Email_Opt_Out:empty"], "CD" },
        { ["Designation:cto"], "AC" },
        { ["Designation:50%"], "B" },
        { ["Designation:%"], "B" },
        { ["Designation:s_o"], "B" },
        { ["Designation:'; DROP TABLE \"Leads\"; --"], "" },
        { ["Industry:Retail", "Email_Opt_Out:yes", "Annual_Revenue:..5000"], "A" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_kind_of_extra_field_filter_selects_its_leads_and_counts_them(string[] texts, string expected)
    {
        var filter = await FilterAsync(texts);

        var page = await Queries.GetPageAsync(new LeadPageRequest { Filter = filter, SortBy = LeadSortField.LastName, Descending = false }, Token);

        Assert.Equal(expected, string.Concat(page.Items.Select(i => i.LastName)));
        Assert.Equal(expected.Length, page.TotalCount);
        Assert.Equal(expected.Length, await Queries.CountAsync(filter, Token));
    }

    public static TheoryData<string, bool, string, string> Sorts() => new()
    {
        { "Annual_Revenue", false, "CAB", "DE" },
        { "Annual_Revenue", true, "BAC", "DE" },
        { "No_of_Employees", true, "BA", "CDE" },
        { "Industry", false, "BC", "AE|D" },
        { "Follow_Up__c", false, "ABC", "DE" },
        { "Last_Demo__c", true, "CBA", "DE" },
        { "Email_Opt_Out", false, "B", "AE|CD" },
        { "Designation", false, "ABC", "DE" },
        { "Interests__c", false, "ACB", "DE" },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Sorting_by_an_extra_field_puts_leads_without_a_value_last_and_pages_stably(
        string apiName, bool descending, string firstInOrder, string rest)
    {
        var field = mapped.Fields.Single(f => f.ApiName == apiName).Definition;
        var request = new LeadPageRequest { SortByField = new FieldSort(apiName, field.Type), Descending = descending };

        var all = (await Queries.GetPageAsync(request, Token)).Items.Select(i => i.LastName).ToList();
        var paged = new List<string>();
        for (var page = 0; page < 3; page++)
        {
            paged.AddRange((await Queries.GetPageAsync(request with { Page = page, PageSize = 2 }, Token)).Items.Select(i => i.LastName));
        }

        Assert.Equal(all, paged);
        Assert.Equal(firstInOrder, string.Concat(all.Take(firstInOrder.Length)));
        // Ties (equal values, then no value) come in groups whose inner order is the id's.
        var groups = rest.Split('|');
        var position = firstInOrder.Length;
        foreach (var group in groups)
        {
            Assert.Equal(group.Order(), all.Skip(position).Take(group.Length).SelectMany(n => n).Order());
            position += group.Length;
        }
    }

    [Fact]
    public async Task All_matching_ids_and_the_csv_export_follow_the_extra_field_filter_and_sort()
    {
        var filter = await FilterAsync(["Email_Opt_Out:yes"]);

        var ids = await Queries.GetIdsAsync(filter, Token);
        var csv = new StringWriter();
        var written = await new LeadCsvExport(database.Contexts, mapped).WriteAsync(new LeadExportRequest
        {
            Filter = await FilterAsync(["Annual_Revenue:1.."]),
            SortByField = new FieldSort("Annual_Revenue", SampleMappedFields.AnnualRevenue.Type),
            Descending = true,
        }, csv, Token);

        var page = await Queries.GetPageAsync(new LeadPageRequest { Filter = filter }, Token);
        Assert.Equal(page.Items.Select(i => i.Id).Order(), ids.Order());
        Assert.Equal(2, ids.Count);
        Assert.Equal(3, written);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(["B", "A", "C"], lines.Select(l => l.Split(',')[1]));
    }

    private async Task<LeadFilter> FilterAsync(string[] texts)
    {
        var parsed = FieldFilterText.Parse(texts, await mapped.GetAsync(Token));
        Assert.Empty(parsed.Failures);
        return new LeadFilter { Fields = parsed.Filters };
    }

    private static Lead Lead(string name, LeadFieldValues extra)
    {
        var lead = new Lead { SyncState = SyncState.Synced };
        lead.Apply(new LeadFields("Lead", name, $"{name.ToLowerInvariant()}@example.com", null, null, null) { Extra = extra });
        return lead;
    }
}

public sealed class FieldFilterQueryTests_Sqlite(SqliteTestDatabase database) : FieldFilterQueryTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class FieldFilterQueryTests_Postgres(PostgresTestDatabase database) : FieldFilterQueryTests(database), IClassFixture<PostgresTestDatabase>;
