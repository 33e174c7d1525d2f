using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Api;

/// <summary>
/// <c>GET /api/leads</c> filters and sorts by mapped extra fields with the console's syntax (<c>f=ApiName:value</c>,
/// <c>fsort</c>; docs/zoho §2.11), read by the same Core parser as the Leads page and its export: each kind of filter
/// selects its leads, and a filter or sort the API cannot apply is a 400 naming the field and the rule. Run on SQLite
/// here; <see cref="LeadFieldFiltersApiTests_Postgres"/> runs the filters and sort on PostgreSQL.
/// </summary>
public sealed class LeadFieldFiltersApiTests : LeadFieldFiltersApiHost
{
    [Fact]
    public Task Each_kind_of_extra_field_filter_selects_its_leads() => EachKindSelectsItsLeadsAsync();

    [Fact]
    public Task An_extra_field_sort_orders_by_the_value_with_leads_without_one_last_either_way() => SortOrdersByTheValueAsync();

    [Fact]
    public async Task A_filter_or_sort_the_api_cannot_apply_is_refused_naming_the_field_and_the_rule()
    {
        (string Query, string Key, string Message)[] cases =
        [
            ("f=Unknown__c:x", "f.Unknown__c", "Filter on “Unknown__c”: no mapped field that can be filtered has this API name."),
            ("f=Region__c:EMEA", "f.Region__c", "Filter on “Region__c”: no mapped field that can be filtered has this API name."),
            ("f=Annual_Revenue:abc", "f.Annual_Revenue", "Annual Revenue (Annual_Revenue): “abc” is not a number; give a range as min..max with a dot before any decimals."),
            ("f=Annual_Revenue:%3E1000", "f.Annual_Revenue", "Annual Revenue (Annual_Revenue): “>1000” is not a number; give a range as min..max with a dot before any decimals."),
            ("f=Annual_Revenue:900..100", "f.Annual_Revenue", "Annual Revenue (Annual_Revenue): the lowest value (900) is above the highest (100)."),
            ("f=Next_Call__c:2026-13-01..", "f.Next_Call__c", "Next Call (Next_Call__c): “2026-13-01” is not a date; give a range as yyyy-MM-dd..yyyy-MM-dd."),
            ("f=Email_Opt_Out:maybe", "f.Email_Opt_Out", "Email Opt Out (Email_Opt_Out): “maybe” is not yes, no or empty."),
            ("f=Annual_Revenue", "f", "Filter “Annual_Revenue”: give the field's API name, a colon and the value (e.g. Industry:Retail, Annual_Revenue:1000..5000)."),
            ("fsort=Nope__c", "fsort", "Sort by “Nope__c”: no mapped field that can be sorted has this API name."),
            ("fsort=Annual_Revenue&sort=lastName", "fsort", "Give sort or fsort, not both."),
            ("hasFieldErrors=maybe", "hasFieldErrors", "hasFieldErrors must be true or false."),
        ];

        foreach (var (query, key, message) in cases)
        {
            using var response = await Api.GetAsync(new Uri($"api/leads?{query}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("Validation failed", problem.GetProperty("title").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(key, out var errors), $"{query}: errors keyed {key} in {problem}");
            Assert.Equal(message, Assert.Single(errors.EnumerateArray()).GetString());
        }

        // Industry's picklist rule names Zoho's values.
        using var picklist = await Api.GetAsync(new Uri("api/leads?f=Industry:Mining", UriKind.Relative), Ct);
        var industry = (await picklist.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("f.Industry")[0].GetString();
        Assert.StartsWith("Industry (Industry): “Mining” is not one of Zoho's values (ASP (Application Service Provider), ", industry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_takes_the_same_filters_and_refuses_the_same_way()
    {
        var csv = await Api.GetStringAsync(new Uri("api/leads/export?f=Product_Interest__c:Support&fsort=Annual_Revenue", UriKind.Relative), Ct);
        using var refused = await Api.GetAsync(new Uri("api/leads/export?f=Annual_Revenue:abc", UriKind.Relative), Ct);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("alpha.ffilter@example.com", lines[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("f.Annual_Revenue", out _));
    }

    [Fact]
    public async Task Only_an_api_key_lists_with_filters_and_openapi_describes_the_parameters()
    {
        const string Query = "api/leads?f=Industry:Service%20Provider&fsort=Annual_Revenue&hasFieldErrors=false";
        using var anonymous = App.CreateAnonymousClient();
        using var anonymousAnswer = await anonymous.GetAsync(new Uri(Query, UriKind.Relative), Ct);
        using var admin = await App.CreateAdminClientAsync();
        using var adminAnswer = await admin.GetAsync(new Uri(Query, UriKind.Relative), Ct);
        using var badKey = App.CreateApiClient("not-a-key-" + new string('x', 40));
        using var badKeyAnswer = await badKey.GetAsync(new Uri(Query, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, adminAnswer.StatusCode); // the console's sign-in is not an API key
        Assert.Equal(HttpStatusCode.Unauthorized, badKeyAnswer.StatusCode);
        Assert.Equal(["Bravo"], await NamesAsync(Query["api/leads?".Length..]));

        using var document = await Api.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        var list = (await document.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("paths").GetProperty("/api/leads").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        Assert.StartsWith("A filter on a mapped extra field as ApiName:value", parameters["f"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("array", parameters["f"].GetProperty("schema").GetProperty("type").GetString());
        Assert.StartsWith("Sort by a mapped extra field's API name", parameters["fsort"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("true: only leads with a per-field error", parameters["hasFieldErrors"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(list.GetProperty("responses").TryGetProperty("400", out _));
    }
}

/// <summary>
/// A LeadSync host for the list filters' tests: seven mapped sandbox fields, one of each kind, and three leads — Alpha
/// and Bravo with different values, Charlie with none — so each filter has leads it keeps and leads it leaves out.
/// </summary>
public abstract class LeadFieldFiltersApiHost : IAsyncLifetime
{
    private static readonly string[] CrmAndSupport = ["CRM", "Support"];
    private static readonly string[] Crm = ["CRM"];

    private LeadSyncAppFactory app = default!;
    private HttpClient api = default!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected LeadSyncAppFactory App => app;

    protected HttpClient Api => api;

    protected virtual Task<LeadSyncAppFactory> CreateAppAsync() => Task.FromResult(new LeadSyncAppFactory().WithQuietEngine());

    public virtual async ValueTask InitializeAsync()
    {
        app = await CreateAppAsync();
        api = app.CreateApiClient();
        await ExtraFieldsSyncTests.MapAsync(app, ["Designation", "Industry", "Annual_Revenue", "Product_Interest__c", "Email_Opt_Out", "Next_Call__c", "Demo_At__c"]);
        await SeedAsync("Alpha", LeadFieldValues.Empty
            .With("Designation", FieldValue.Text("Chief Technology Officer")).With("Industry", FieldValue.Text("Systems Integrator"))
            .With("Annual_Revenue", FieldValue.Number(5000m)).With("Product_Interest__c", FieldValue.List(CrmAndSupport))
            .With("Email_Opt_Out", FieldValue.Boolean(true)).With("Next_Call__c", FieldValue.Text("2026-12-10"))
            .With("Demo_At__c", FieldValue.Text("2026-12-10T15:30:00+00:00")));
        await SeedAsync("Bravo", LeadFieldValues.Empty
            .With("Designation", FieldValue.Text("Sales Rep")).With("Industry", FieldValue.Text("Service Provider"))
            .With("Annual_Revenue", FieldValue.Number(250.5m)).With("Product_Interest__c", FieldValue.List(Crm))
            .With("Email_Opt_Out", FieldValue.Boolean(false)).With("Next_Call__c", FieldValue.Text("2027-01-05")));
        await SeedAsync("Charlie", LeadFieldValues.Empty);
    }

    public virtual async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task<Lead> SeedAsync(string name, LeadFieldValues extra) =>
        app.Commands.CreateAsync(new LeadFields(null, name, $"{name.ToLowerInvariant()}.ffilter@example.com", null, null, null) { Extra = extra }, cancellationToken: Ct);

    /// <summary>The last names GET /api/leads answers in order, for a query string.</summary>
    protected async Task<List<string>> NamesAsync(string query)
    {
        using var response = await api.GetAsync(new Uri($"api/leads?{query}", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("lastName").GetString()!)];
    }

    protected async Task EachKindSelectsItsLeadsAsync()
    {
        (string Query, string[] Names)[] cases =
        [
            ("f=Designation:chief", ["Alpha"]),                                   // text contains, any case
            ("f=Annual_Revenue:1000..", ["Alpha"]),                               // number, open high bound
            ("f=Annual_Revenue:..250.5", ["Bravo"]),                              // number, inclusive bound with decimals
            ("f=Annual_Revenue:250..5000", ["Alpha", "Bravo"]),
            ("f=Next_Call__c:2026-12-01..2026-12-31", ["Alpha"]),                 // date
            ("f=Demo_At__c:2026-12-10..2026-12-10", ["Alpha"]),                   // date-time, by UTC day
            ("f=Industry:Service%20Provider", ["Bravo"]),                         // picklist
            ("f=Industry:Service%20Provider&f=Industry:Systems%20Integrator", ["Alpha", "Bravo"]),
            ("f=Product_Interest__c:Support", ["Alpha"]),                         // multi-select holds every value
            ("f=Product_Interest__c:CRM&f=Product_Interest__c:Support", ["Alpha"]),
            ("f=Email_Opt_Out:yes", ["Alpha"]),                                   // boolean
            ("f=Email_Opt_Out:no", ["Bravo"]),
            ("f=Email_Opt_Out:empty", ["Charlie"]),
            ("f=Industry:Service%20Provider&f=Annual_Revenue:1000..", []),        // all must hold
        ];

        foreach (var (query, names) in cases)
        {
            Assert.True(names.Order().SequenceEqual((await NamesAsync(query + "&sort=lastName")).Order()), $"{query} selects {string.Join(", ", names)}");
        }
    }

    protected async Task SortOrdersByTheValueAsync()
    {
        Assert.Equal(["Bravo", "Alpha", "Charlie"], await NamesAsync("fsort=Annual_Revenue"));
        Assert.Equal(["Alpha", "Bravo", "Charlie"], await NamesAsync("fsort=-Annual_Revenue"));
        Assert.Equal(["Bravo", "Alpha"], await NamesAsync("fsort=-Next_Call__c&f=Designation:e"));
    }
}

/// <summary>The extra-field filters and sort of <c>GET /api/leads</c> on PostgreSQL (jsonb containment, ILIKE, numeric casts).</summary>
public sealed class LeadFieldFiltersApiTests_Postgres : LeadFieldFiltersApiHost
{
    [Fact]
    public async Task Each_kind_of_filter_and_the_sort_select_and_order_the_same_leads_on_postgres()
    {
        await EachKindSelectsItsLeadsAsync();
        await SortOrdersByTheValueAsync();
    }

    private string database = string.Empty;

    protected override async Task<LeadSyncAppFactory> CreateAppAsync()
    {
        (database, var connectionString) = await PostgresServer.CreateDatabaseAsync(Ct);
        return new LeadSyncAppFactory().WithQuietEngine().UsePostgres(connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
    }
}
