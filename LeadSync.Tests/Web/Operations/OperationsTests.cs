using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Operations;

[Collection(ProcessWideMeters.Name)]
public sealed class OperationsTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_says_the_process_is_alive()
    {
        using var client = new HttpClient { BaseAddress = app.Start() };
        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_reports_the_database()
    {
        using var client = new HttpClient { BaseAddress = app.Start() };
        using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Contains("Sqlite database is reachable", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_serve_prometheus_text_with_the_leadsync_meters_through_opentelemetry()
    {
        using var api = app.CreateApiClient();
        using (await api.PostAsJsonAsync("api/leads", new { lastName = "Metered", email = "metered@example.com" }, Ct))
        {
        }

        using (await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct))
        {
        }

        using var client = new HttpClient { BaseAddress = app.Start() };
        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE leadsync_api_calls_total counter", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^leadsync_api_calls_total\{(?=[^}]*method=""GET"")(?=[^}]*route=""/api/leads/"")(?=[^}]*status=""200"")[^}]*\} 1(\s|$)", text);
        Assert.Matches(@"(?m)^leadsync_api_calls_total\{(?=[^}]*method=""POST"")(?=[^}]*route=""/api/leads/"")(?=[^}]*status=""201"")[^}]*\} 1(\s|$)", text);
        Assert.Contains("# TYPE leadsync_outbox_depth gauge", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^leadsync_outbox_depth(\{[^}]*\})? 1(\s|$)", text);
    }

    [Fact]
    public async Task Metrics_off_loopback_need_the_configured_token()
    {
        await using var strict = new LeadSyncAppFactory()
            .With("Metrics:AllowLoopback", "false")
            .With("Metrics:Token", "metrics-token-for-tests-0123456789");
        using var client = new HttpClient { BaseAddress = strict.Start() };
        using var refused = await client.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", "metrics-token-for-tests-0123456789");
        using var allowed = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var admin = await strict.CreateAdminClientAsync();
        using var forAdmin = await admin.GetAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
    }

    [Fact]
    public async Task A_loopback_caller_behind_a_proxy_is_not_trusted_for_metrics()
    {
        using var client = new HttpClient { BaseAddress = app.Start() };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
