using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Api;

/// <summary>
/// Mapped extra fields in the REST API: the <c>fields</c> object read and written typed per Zoho's metadata (docs/zoho
/// §2.11), only the named fields changing; refusals name <c>fields.ApiName</c> and the rule, and store nothing; OpenAPI
/// describes it.
/// </summary>
public sealed class LeadFieldsApiTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private HttpClient api = default!;

    private static readonly string[] CrmAndSupport = ["CRM", "Support"];
    private static readonly string[] CrmAndGolf = ["CRM", "Golf"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        api = app.CreateApiClient();
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry", "Annual_Revenue", "Product_Interest__c", "Email_Opt_Out", "Next_Call__c", "Seats__c"]);
        await ExtraFieldsSyncTests.MapAsync(app, ["Region__c"], FieldSyncDirection.ZohoToLeadSync);
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Fields_are_written_and_read_as_typed_json_and_an_update_changes_only_the_fields_it_names()
    {
        using var created = await api.PostAsJsonAsync("api/leads", new
        {
            lastName = "Lovelace", email = "ada.fields@example.com",
            fields = new Dictionary<string, object?>
            {
                ["Industry"] = "Systems Integrator", ["Annual_Revenue"] = 1250000.5, ["Product_Interest__c"] = CrmAndSupport,
                ["Email_Opt_Out"] = true, ["Next_Call__c"] = "2026-12-24", ["Seats__c"] = "12",
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = lead.GetProperty("id").GetGuid();
        var fields = lead.GetProperty("fields");
        Assert.Equal(1250000.5m, fields.GetProperty("Annual_Revenue").GetDecimal());
        Assert.Equal(12, fields.GetProperty("Seats__c").GetInt32()); // "12" read as the whole number it is
        Assert.Equal(JsonValueKind.True, fields.GetProperty("Email_Opt_Out").ValueKind);
        Assert.Equal(["CRM", "Support"], fields.GetProperty("Product_Interest__c").EnumerateArray().Select(e => e.GetString()));

        using var updated = await api.PutAsJsonAsync($"api/leads/{id}", new
        {
            lastName = "King", email = "ada.fields@example.com",
            fields = new Dictionary<string, object?> { ["Industry"] = null, ["Annual_Revenue"] = "1000" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using var kept = await api.PutAsJsonAsync($"api/leads/{id}", new { lastName = "King", email = "ada.fields@example.com", phone = "555-0100" }, Ct);
        using var read = await api.GetAsync(new Uri($"api/leads/{id}", UriKind.Relative), Ct);
        var after = (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fields");
        Assert.False(after.TryGetProperty("Industry", out _));
        Assert.Equal(1000m, after.GetProperty("Annual_Revenue").GetDecimal());
        Assert.Equal("2026-12-24", after.GetProperty("Next_Call__c").GetString());
        Assert.Equal(12, after.GetProperty("Seats__c").GetInt32());

        using var list = await api.GetAsync(new Uri("api/leads?search=ada.fields", UriKind.Relative), Ct);
        var item = Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal(1000m, item.GetProperty("fields").GetProperty("Annual_Revenue").GetDecimal());
    }

    [Fact]
    public async Task The_csv_export_has_a_column_per_mapped_field_headed_by_its_api_name()
    {
        var extra = LeadSync.Core.Fields.Values.LeadFieldValues.Empty
            .With("Annual_Revenue", LeadSync.Core.Fields.Values.FieldValue.Number(99.5m))
            .With("Product_Interest__c", LeadSync.Core.Fields.Values.FieldValue.List(CrmAndSupport));
        await app.Commands.CreateAsync(new LeadFields(null, "Csv", "csv.fields@example.com", null, null, null) { Extra = extra }, cancellationToken: Ct);

        var csv = await api.GetStringAsync(new Uri("api/leads/export?search=csv.fields", UriKind.Relative), Ct);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("First name,Last name,Email,Phone,Status,Company,Industry,Annual_Revenue,Email_Opt_Out,Region__c,Product_Interest__c,Next_Call__c,Seats__c", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.StartsWith(",Csv,csv.fields@example.com,,,,,99.5,,,CRM; Support,,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_fields_are_refused_naming_each_field_and_rule_and_nothing_is_stored()
    {
        using var refused = await api.PostAsJsonAsync("api/leads", new
        {
            lastName = "Hopper", email = "grace.fields@example.com",
            fields = new Dictionary<string, object?>
            {
                ["Annual_Revenue"] = "lots", ["Industry"] = "Mining", ["Product_Interest__c"] = CrmAndGolf, ["Email_Opt_Out"] = "maybe",
                ["Next_Call__c"] = "24/12/2026", ["Seats__c"] = 4.5, ["Region__c"] = "EMEA", ["Unknown__c"] = "x",
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        string Error(string key) => Assert.Single(errors.GetProperty(key).EnumerateArray()).GetString()!;
        Assert.Equal("Annual Revenue must be a number (a dot before any decimals).", Error("fields.Annual_Revenue"));
        Assert.StartsWith("Industry has no value \"Mining\" in Zoho; choose one of: ", Error("fields.Industry"), StringComparison.Ordinal);
        Assert.StartsWith("Product Interest has no value \"Golf\" in Zoho", Error("fields.Product_Interest__c"), StringComparison.Ordinal);
        Assert.Equal("Email Opt Out must be true or false.", Error("fields.Email_Opt_Out"));
        Assert.Equal("Next Call must be a date as yyyy-MM-dd.", Error("fields.Next_Call__c"));
        Assert.Equal("Seats must be a whole number.", Error("fields.Seats__c"));
        Assert.Equal("Region is mapped Zoho → LeadSync only; change it in Zoho.", Error("fields.Region__c"));
        Assert.Equal("Unknown__c is not a mapped Zoho field; map it on the Field mapping page first.", Error("fields.Unknown__c"));
        Assert.False(await app.QueryAsync(db => db.Leads.AnyAsync(l => l.Email == "grace.fields@example.com", Ct)));
    }

    [Fact]
    public async Task An_update_with_a_bad_field_changes_nothing_and_a_lead_keeps_values_zoho_tightened()
    {
        var lead = await app.Commands.CreateAsync(new LeadFields(null, "Kept", "kept.fields@example.com", null, null, null), cancellationToken: Ct);

        using var refused = await api.PutAsJsonAsync($"api/leads/{lead.Id}", new
        {
            lastName = "Changed", email = "kept.fields@example.com", fields = new Dictionary<string, object?> { ["Seats__c"] = 10_000_000_000 },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("Seats must be between -2147483647 and 2147483647.", errors.GetProperty("fields.Seats__c")[0].GetString());
        Assert.Equal("Kept", (await app.LeadAsync(lead.Id))!.LastName);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_and_openapi_describes_the_fields_object()
    {
        using var anonymous = app.CreateAnonymousClient();
        using var refused = await anonymous.PostAsJsonAsync("api/leads", new { lastName = "X", email = "anon.fields@example.com", fields = new { Industry = "Systems Integrator" } }, Ct);
        using var document = await api.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        var schemas = (await document.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("components").GetProperty("schemas");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(schemas.GetProperty("LeadInput").GetProperty("properties").TryGetProperty("fields", out var input));
        Assert.True(schemas.GetProperty("LeadResponse").GetProperty("properties").TryGetProperty("fields", out _));
        Assert.StartsWith("Mapped extra Zoho fields by API name", input.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
