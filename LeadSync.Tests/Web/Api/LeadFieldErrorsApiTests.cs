using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Api;

/// <summary>
/// Per-field errors in the REST API (docs/zoho §2.12, docs/extra-fields.md): after Zoho refuses one mapped field's value
/// (a picklist value removed in Zoho, through the sandbox's field controls), the lead's responses carry
/// <c>fieldErrors</c> — field, direction, Zoho's code and message, the value refused — while the lead itself is Synced;
/// <c>hasFieldErrors</c> filters the list; OpenAPI describes both.
/// </summary>
public sealed class LeadFieldErrorsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_field_shows_in_the_leads_responses_and_has_field_errors_filters_the_list()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        using var api = app.CreateApiClient();
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry", "Seats__c"]);
        await app.Sandbox.Fields.UpdateAsync("Industry", new SandboxFieldEdit { PicklistValues = ["Large Enterprise", "Service Provider"] }, Ct);
        var refused = await app.Commands.CreateAsync(
            new LeadFields(null, "Refused", "refused.api@example.com", null, null, null) { Extra = LeadFieldValues.Empty.With("Industry", FieldValue.Text("Systems Integrator")).With("Seats__c", FieldValue.Number(5)) },
            cancellationToken: Ct);
        var clean = await app.Commands.CreateAsync(
            new LeadFields(null, "Clean", "clean.api@example.com", null, null, null) { Extra = LeadFieldValues.Empty.With("Industry", FieldValue.Text("Service Provider")) },
            cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await app.QueryAsync(db => db.Set<LeadFieldError>().AnyAsync(e => e.LeadId == refused.Id, Ct)), "Zoho refuses Industry");
        await app.WaitSyncedAsync(refused.Id);
        await app.WaitSyncedAsync(clean.Id);

        var lead = await api.GetFromJsonAsync<JsonElement>(new Uri($"api/leads/{refused.Id}", UriKind.Relative), Ct);
        var error = Assert.Single(lead.GetProperty("fieldErrors").EnumerateArray());
        Assert.Equal("Synced", lead.GetProperty("syncState").GetString()); // the rest of the lead is in Zoho
        Assert.Equal(("Industry", "push", "INVALID_DATA"), (error.GetProperty("field").GetString(), error.GetProperty("direction").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("Systems Integrator", error.GetProperty("refusedValue").GetString());

        var only = await api.GetFromJsonAsync<JsonElement>(new Uri("api/leads?hasFieldErrors=true", UriKind.Relative), Ct);
        var item = Assert.Single(only.GetProperty("items").EnumerateArray());
        Assert.Equal((refused.Id, 1), (item.GetProperty("id").GetGuid(), only.GetProperty("totalCount").GetInt32()));
        Assert.Equal("Industry", Assert.Single(item.GetProperty("fieldErrors").EnumerateArray()).GetProperty("field").GetString());
        var without = await api.GetFromJsonAsync<JsonElement>(new Uri("api/leads?hasFieldErrors=false", UriKind.Relative), Ct);
        var cleanItem = Assert.Single(without.GetProperty("items").EnumerateArray());
        Assert.Equal(clean.Id, cleanItem.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Array, cleanItem.GetProperty("fieldErrors").ValueKind);
        Assert.Empty(cleanItem.GetProperty("fieldErrors").EnumerateArray());
        var combined = await api.GetFromJsonAsync<JsonElement>(new Uri("api/leads?hasFieldErrors=true&f=Industry:Service%20Provider", UriKind.Relative), Ct);
        Assert.Empty(combined.GetProperty("items").EnumerateArray());

        // An update answers with the errors that still stand (the value did not change).
        using var updated = await api.PutAsJsonAsync($"api/leads/{refused.Id}", new { lastName = "Refused", email = "refused.api@example.com", phone = "555-0100" }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Industry", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fieldErrors")[0].GetProperty("field").GetString());
        using var batch = await api.PostAsJsonAsync("api/leads/batch", new
        {
            operations = new object[]
            {
                new { op = "update", id = refused.Id, lead = new { lastName = "Refused", email = "refused.api@example.com", phone = "555-0101" } },
                new { op = "update", id = clean.Id, lead = new { lastName = "Clean", email = "clean.api@example.com", phone = "555-0102" } },
            },
        }, Ct);
        var results = (await batch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results");
        Assert.Equal("Industry", Assert.Single(results[0].GetProperty("lead").GetProperty("fieldErrors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Empty(results[1].GetProperty("lead").GetProperty("fieldErrors").EnumerateArray());
    }

    [Fact]
    public async Task Openapi_describes_field_errors_and_anonymous_callers_see_none()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var api = app.CreateApiClient();
        using var anonymous = app.CreateAnonymousClient();

        using var refused = await anonymous.GetAsync(new Uri("api/leads?hasFieldErrors=true", UriKind.Relative), Ct);
        var schemas = (await api.GetFromJsonAsync<JsonElement>(new Uri("openapi/v1.json", UriKind.Relative), Ct)).GetProperty("components").GetProperty("schemas");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var fieldErrors = schemas.GetProperty("LeadResponse").GetProperty("properties").GetProperty("fieldErrors");
        Assert.StartsWith("The mapped extra fields that do not sync for this lead", fieldErrors.GetProperty("description").GetString(), StringComparison.Ordinal);
        var properties = schemas.GetProperty("LeadFieldErrorResponse").GetProperty("properties");
        Assert.Equal(["field", "direction", "code", "message", "refusedValue"], properties.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("The value concerned, typed as in 'fields'", properties.GetProperty("refusedValue").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
