using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadSync.Core.Outbox;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

public sealed class LeadsApiTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();
    private HttpClient api = default!;

    public ValueTask InitializeAsync()
    {
        api = app.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_read_update_delete_a_lead_with_the_bootstrap_key()
    {
        // Zoho answers slowly here, so the lead's outbox entry is still there to look at below (pushes are fast).
        app.Services.GetRequiredService<ZohoSandboxControl>().Faults.Apply(new SandboxFaultPatch { LatencyMs = 3000 });
        using var created = await api.PostAsJsonAsync("api/leads", new { firstName = "Ada", lastName = "Lovelace", email = "ada@example.com", company = "Engines" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct));
        var id = lead.GetProperty("id").GetGuid();
        Assert.Equal($"/api/leads/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Pending", lead.GetProperty("syncState").GetString());

        using var read = await api.GetAsync(new Uri($"api/leads/{id}", UriKind.Relative), Ct);
        var version = (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.Tag);

        using var updated = await api.PutAsJsonAsync($"api/leads/{id}", new { firstName = "Augusta Ada", lastName = "King", email = "ada@example.com", version }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("King", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lastName").GetString());

        // The write went through LeadCommands: an outbox entry with trigger "Api" waits for the push.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSync.Core.Data.LeadSyncDbContext>>().CreateDbContextAsync(Ct))
        {
            var entry = await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == id, Ct);
            Assert.Equal(ChangeSource.Api, entry.Trigger);
        }

        using var deleted = await api.DeleteAsync(new Uri($"api/leads/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await api.GetAsync(new Uri($"api/leads/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_stale_version_or_if_match_gets_409_and_changes_nothing()
    {
        var id = await CreateAsync("stale@example.com", "Stale");
        using var first = await api.PutAsJsonAsync($"api/leads/{id}", new { lastName = "Fresh", email = "stale@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var staleBody = await api.PutAsJsonAsync($"api/leads/{id}", new { lastName = "Lost", email = "stale@example.com", version = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, staleBody.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/leads/{id}", UriKind.Relative))
        {
            Content = JsonContent.Create(new { lastName = "Lost", email = "stale@example.com" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var staleHeader = await api.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Conflict, staleHeader.StatusCode);
        Assert.Contains("changed by someone else", await staleHeader.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var lead = await api.GetFromJsonAsync<JsonElement>($"api/leads/{id}", Ct);
        Assert.Equal("Fresh", lead.GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task Missing_leads_get_404_problem_for_read_update_and_delete()
    {
        var missing = Guid.NewGuid();
        using var get = await api.GetAsync(new Uri($"api/leads/{missing}", UriKind.Relative), Ct);
        using var put = await api.PutAsJsonAsync($"api/leads/{missing}", new { lastName = "X", email = "x@example.com" }, Ct);
        using var delete = await api.DeleteAsync(new Uri($"api/leads/{missing}", UriKind.Relative), Ct);
        foreach (var response in new[] { get, put, delete })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(missing.ToString(), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listing_pages_searches_filters_and_sorts()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateAsync($"list{i}@listing.example", $"Lister{i}", company: i % 2 == 0 ? "Even Co" : "Odd Co");
        }

        var page = await api.GetFromJsonAsync<JsonElement>("api/leads?search=listing.example&page=2&pageSize=3&sort=lastName", Ct);
        Assert.Equal(7, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("lastName").GetString()).ToList();
        Assert.Equal(["Lister3", "Lister4", "Lister5"], names);

        var descending = await api.GetFromJsonAsync<JsonElement>("api/leads?search=listing.example&sort=-lastName&pageSize=1", Ct);
        Assert.Equal("Lister6", descending.GetProperty("items")[0].GetProperty("lastName").GetString());

        // The engine pushes these leads meanwhile, so each is Pending or Synced: both states together count them all.
        var pendingOrSynced = await api.GetFromJsonAsync<JsonElement>("api/leads?search=even co&syncState=Pending,Synced", Ct);
        Assert.Equal(4, pendingOrSynced.GetProperty("totalCount").GetInt32());
        var deadLetters = await api.GetFromJsonAsync<JsonElement>("api/leads?search=listing.example&syncState=deadletter", Ct);
        Assert.Equal(0, deadLetters.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_search_counted_only_so_far_says_so_in_the_listing()
    {
        await using var limited = new LeadSyncAppFactory().With("Leads:SearchCountLimit", "2");
        using var client = limited.CreateApiClient();
        for (var i = 0; i < 7; i++)
        {
            using var created = await client.PostAsJsonAsync("api/leads", new { lastName = $"Bound{i}", email = $"bound{i}@bounded.example" }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var first = await client.GetFromJsonAsync<JsonElement>("api/leads?search=bounded.example&pageSize=1", Ct);
        var whole = await client.GetFromJsonAsync<JsonElement>("api/leads?search=bounded.example&pageSize=10", Ct);

        // More than 2 match (the limit); a page of 10 counts past itself and finds all 7, exactly.
        Assert.Equal((2, true), (first.GetProperty("totalCount").GetInt32(), first.GetProperty("totalIsLowerBound").GetBoolean()));
        Assert.Equal((7, false), (whole.GetProperty("totalCount").GetInt32(), whole.GetProperty("totalIsLowerBound").GetBoolean()));
    }

    [Theory]
    [InlineData("api/leads?syncState=Sleeping", "syncState")]
    [InlineData("api/leads?sort=password", "sort")]
    [InlineData("api/leads?page=0", "page")]
    [InlineData("api/leads?pageSize=501", "pageSize")]
    public async Task Bad_list_parameters_get_a_validation_problem_naming_the_parameter(string url, string field)
    {
        using var response = await api.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Invalid_fields_get_rfc7807_errors_keyed_by_field_and_nothing_is_stored()
    {
        using var response = await api.PostAsJsonAsync("api/leads", new
        {
            firstName = new string('f', 41),
            lastName = "",
            email = "not-an-email",
            phone = "call me",
            company = new string('c', 201),
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("at most 40", errors.GetProperty("firstName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("required", errors.GetProperty("lastName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("valid address", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("company", out _));
        Assert.Equal(0, await CountLeadsAsync());
    }

    [Fact] // issue 14.9: a create retried after its answer was lost learns which lead already holds the email
    public async Task A_duplicate_email_is_a_409_naming_the_lead_that_has_it()
    {
        using var first = await api.PostAsJsonAsync("api/leads", new { lastName = "First", email = "dup@example.com" }, Ct);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        using var response = await api.PostAsJsonAsync("api/leads", new { lastName = "Second", email = "DUP@example.com" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(firstId, problem.GetProperty("existingLeadId").GetGuid());
        Assert.Equal($"/api/leads/{firstId}", problem.GetProperty("existingLead").GetString());
        Assert.Contains("must be unique", problem.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountLeadsAsync());
    }

    [Theory]
    [InlineData("{\"lastName\": \"X\", \"email\": ", "syntax error")]
    [InlineData("{\"lastName\": 42, \"email\": \"x@example.com\"}", "wrong value type at $.lastName")]
    [InlineData("{\"lastNme\": \"X\", \"email\": \"x@example.com\"}", "unknown property")]
    [InlineData("[1,2,3]", "wrong value type")]
    [InlineData("null", "must be a JSON object")]
    public async Task Malformed_json_gets_400_with_a_clear_message_and_nothing_is_stored(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(new Uri("api/leads", UriKind.Relative), content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Equal(0, await CountLeadsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        using var content = new StringContent("lastName=X&email=x@example.com", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await api.PostAsync(new Uri("api/leads", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_megabyte_body_gets_413_and_nothing_is_stored()
    {
        var body = "{\"lastName\":\"Big\",\"email\":\"big@example.com\",\"company\":\"" + new string('x', 1024 * 1024) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(new Uri("api/leads", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the API accepts", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountLeadsAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_too()
    {
        var body = Encoding.UTF8.GetBytes("{\"lastName\":\"Big\",\"email\":\"chunk@example.com\",\"company\":\"" + new string('x', 200 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/leads", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await api.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountLeadsAsync());
    }

    [Fact]
    public async Task An_unknown_api_route_gets_a_404_problem_not_the_console_page()
    {
        using var response = await api.GetAsync(new Uri("api/nothing-here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<Guid> CreateAsync(string email, string lastName, string? company = null)
    {
        using var response = await api.PostAsJsonAsync("api/leads", new { lastName, email, company }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private async Task<int> CountLeadsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSync.Core.Data.LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        return await db.Leads.CountAsync(Ct);
    }
}
