using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Data;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

/// <summary>The sync endpoints against the built-in Zoho sandbox over real HTTP.</summary>
public sealed class SyncApiTests : IAsyncLifetime
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

    private static readonly string[] PendingOnly = ["Pending"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushing_leads_by_id_starts_a_run_that_links_them_to_zoho()
    {
        using var created = await api.PostAsJsonAsync("api/leads", new { lastName = "Pushed", email = "pushed@example.com" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        using var push = await api.PostAsJsonAsync("api/sync/push", new { leadIds = new[] { id } }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        var runId = (await push.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
        await app.Services.GetRequiredService<SyncService>().WaitForRunAsync(runId, TimeSpan.FromSeconds(60), Ct);

        var runs = await api.GetFromJsonAsync<JsonElement>($"api/sync/runs?runId={runId}", Ct);
        Assert.NotNull(runs[0].GetProperty("finishedAt").GetString());
        Assert.Matches("^[0-9a-f]{32}$", runs[0].GetProperty("traceId").GetString()); // the run's trace

        var lead = await api.GetFromJsonAsync<JsonElement>($"api/leads/{id}", Ct);
        Assert.False(string.IsNullOrEmpty(lead.GetProperty("zohoId").GetString()), lead.ToString());
        // The run's tallies in /metrics: ObservabilityTests (tests reading /metrics run alone, see ProcessWideMeters).
    }

    [Fact]
    public async Task Pushing_all_matching_a_filter_and_pulling_start_runs()
    {
        using var all = await api.PostAsJsonAsync("api/sync/push", new { all = true, filter = new { search = "nobody-matches-this", syncStates = PendingOnly } }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);

        using var pull = await api.PostAsync(new Uri("api/sync/pull", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, pull.StatusCode);
        var runId = (await pull.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
        await app.Services.GetRequiredService<SyncService>().WaitForRunAsync(runId, TimeSpan.FromSeconds(60), Ct);

        var runs = await api.GetFromJsonAsync<JsonElement>("api/sync/runs?limit=10", Ct);
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("id").GetGuid() == runId && r.GetProperty("kind").GetString() == "Pull");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"leadIds\":[],\"all\":false}")]
    [InlineData("{\"leadIds\":[\"0199a0e0-0000-7000-8000-000000000001\"],\"all\":true}")]
    [InlineData("{\"all\":true,\"filter\":{\"syncStates\":[\"Sleeping\"]}}")]
    public async Task A_push_must_name_leads_or_all_but_not_both(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(new Uri("api/sync/push", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Status_and_conflicts_are_readable()
    {
        var status = await api.GetFromJsonAsync<JsonElement>("api/sync/status", Ct);
        Assert.False(string.IsNullOrEmpty(status.GetProperty("state").GetString()));
        Assert.True(status.TryGetProperty("queueDepth", out _));

        var conflicts = await api.GetFromJsonAsync<JsonElement>("api/conflicts?all=true", Ct);
        Assert.Equal(JsonValueKind.Array, conflicts.ValueKind);
    }

    [Fact]
    public async Task Conflicts_answer_resolution_and_policy_by_name_open_ones_unless_all()
    {
        var leadId = Guid.CreateVersion7();
        var at = app.Services.GetRequiredService<TimeProvider>().GetUtcNow(); // recent: the history cleanup keeps it
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Add(new SyncConflict
            {
                LeadId = leadId, Field = "Phone", AgreedValue = "000", LocalValue = "111", ZohoValue = "222",
                Resolution = ConflictResolution.Superseded, Policy = ConflictPolicy.Manual, At = at, ResolvedAt = at.AddMinutes(1),
            });
            db.Add(new SyncConflict
            {
                LeadId = leadId, Field = "Company", AgreedValue = "Old", LocalValue = "Local", ZohoValue = "Zoho",
                Resolution = ConflictResolution.Pending, Policy = ConflictPolicy.Manual, At = at.AddMinutes(2),
            });
            await db.SaveChangesAsync(Ct);
        }

        var open = await api.GetFromJsonAsync<JsonElement>("api/conflicts", Ct);
        var held = Assert.Single(open.EnumerateArray());
        Assert.Equal(("Company", "Old", "Local", "Zoho", "Pending", "Manual"), (
            held.GetProperty("field").GetString(), held.GetProperty("agreedValue").GetString(), held.GetProperty("localValue").GetString(),
            held.GetProperty("zohoValue").GetString(), held.GetProperty("resolution").GetString(), held.GetProperty("policy").GetString()));

        var all = await api.GetFromJsonAsync<JsonElement>("api/conflicts?all=true", Ct);
        Assert.Equal(["Pending", "Superseded"], all.EnumerateArray().Select(c => c.GetProperty("resolution").GetString()));
    }

    [Fact]
    public async Task Readyz_reports_zoho_authorization()
    {
        using var client = new HttpClient { BaseAddress = app.Start() };
        var body = await client.GetFromJsonAsync<JsonElement>("readyz", Ct);
        var zoho = body.GetProperty("checks").GetProperty("zoho");
        Assert.Equal("Healthy", zoho.GetProperty("status").GetString());
    }
}
