using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadSync.Core.Diagnostics;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace LeadSync.Tests.Web.Operations;

/// <summary>
/// OpenTelemetry end to end against the built-in sandbox over real HTTP: what <c>/metrics</c> exposes after a push, a
/// push run as one trace (an in-memory exporter), logs carrying the run's trace id, and no secret in any span.
/// </summary>
[Collection(ProcessWideMeters.Name)]
public sealed partial class ObservabilityTests
{
    private const string ClientSecret = "otel-client-secret-marker-4d1e";
    private const string RefreshToken = "1000.otel-refresh-token-marker.c0ffee";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_expose_requests_zoho_client_calls_runtime_and_leadsync_counters_after_a_push()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var zohoHost = app.Start().Host; // the built-in sandbox answers on the app's own address
        var run = await PushOneLeadAsync(app, "metered-otel@example.com");
        Assert.Null(run.Error);

        using var client = new HttpClient { BaseAddress = app.Start() };
        var metrics = await client.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);

        Assert.Matches(@"(?m)^http_server_request_duration_seconds_bucket\{[^}]*http_request_method=""POST""[^}]*http_route=""/api/sync/push""", metrics);
        Assert.Matches($@"(?m)^http_client_request_duration_seconds_count\{{[^}}]*server_address=""{Regex.Escape(zohoHost)}""", metrics);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", metrics);
        Assert.Matches(@"(?m)^leadsync_sync_pushed_total\{[^}]*outcome=""succeeded""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"(?m)^leadsync_zoho_credits_total\{[^}]*operation=""Push""", metrics);
        Assert.Matches(@"(?m)^leadsync_sync_run_duration_seconds_count\{[^}]*kind=""Push""", metrics);
        Assert.Matches(@"(?m)^leadsync_zoho_token_refreshes_total\{[^}]*outcome=""succeeded""", metrics);
        Assert.Matches(@"(?m)^leadsync_outbox_depth(\{[^}]*\})? 0", metrics);
        Assert.Matches(@"(?m)^leadsync_zoho_unauthorized(\{[^}]*\})? 0(\s|$)", metrics);
        Assert.Matches(@"(?m)^leadsync_zoho_credits_budget(\{[^}]*\})? 50000(\s|$)", metrics);
    }

    [Fact]
    public async Task A_push_run_is_one_trace_with_a_span_per_zoho_call_and_its_logs_carry_the_trace_id()
    {
        var spans = new List<Activity>();
        var logs = new List<LogRecord>();
        await using var app = new LeadSyncAppFactory().WithQuietEngine()
            .With("Zoho:ClientSecret", ClientSecret)
            .With("Zoho:RefreshToken", RefreshToken)
            .With("Logging:LogLevel:LeadSync.Core.Zoho", "Debug")
            .WithServices(services => services
                .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(logs)));
        var run = await PushOneLeadAsync(app, "traced-otel@example.com");
        Assert.Null(run.Error);
        Assert.Matches("^[0-9a-f]{32}$", run.TraceId);

        var trace = Snapshot(spans).Where(s => s.TraceId.ToHexString() == run.TraceId).ToList();
        var root = Assert.Single(trace, s => s.OperationName == "sync.run Push");
        Assert.Equal(default, root.ParentSpanId);
        Assert.Equal(run.Id.ToString(), root.GetTagItem("leadsync.run.id"));
        var calls = trace.Where(s => s.Source.Name == SyncTelemetry.SourceName && s.OperationName.StartsWith("zoho ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call =>
        {
            Assert.Equal(root.SpanId, call.ParentSpanId);
            Assert.Equal("Leads", call.GetTagItem("leadsync.zoho.module"));
            Assert.Equal(1, call.GetTagItem("leadsync.zoho.attempt"));
            Assert.Equal(200, call.GetTagItem("http.response.status_code"));
            Assert.Equal(1, call.GetTagItem("leadsync.records"));
            Assert.True((int)call.GetTagItem("leadsync.zoho.credits")! >= 1);
        });
        Assert.Equal(run.Credits, calls.Sum(c => (int)c.GetTagItem("leadsync.zoho.credits")!));
        Assert.Contains(trace, s => s.OperationName == "db.batch apply push results" && s.ParentSpanId == root.SpanId);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && calls.Any(c => c.SpanId == s.ParentSpanId)); // the HTTP call under it

        var runLogs = Snapshot(logs).Where(l => l.TraceId.ToHexString() == run.TraceId).ToList();
        Assert.Contains(runLogs, l => l.CategoryName == "LeadSync.Core.Zoho.ZohoCallReporter" && l.SpanId != default);

        var everyTag = string.Join('\n', Snapshot(spans).SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")));
        Assert.DoesNotContain(ClientSecret, everyTag, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, everyTag, StringComparison.Ordinal);
        Assert.DoesNotContain("oauthtoken", everyTag, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("access_token", everyTag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_run_is_a_trace_too_with_its_zoho_reads_and_applied_pages()
    {
        var spans = new List<Activity>();
        await using var app = new LeadSyncAppFactory().WithQuietEngine()
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        app.Start();
        await app.ZohoSeedAsync(3, "TracedPull", DateTimeOffset.UtcNow.AddHours(-1));
        var run = await app.PullAsync();
        Assert.Equal(3, run.Created);

        var trace = Snapshot(spans).Where(s => s.TraceId.ToHexString() == run.TraceId).ToList();
        var root = Assert.Single(trace, s => s.OperationName == "sync.run Pull");
        Assert.Contains(trace, s => s.OperationName == "zoho GET Leads" && s.ParentSpanId == root.SpanId
            && Equals(s.GetTagItem("leadsync.records"), 3) && Equals(s.GetTagItem("http.response.status_code"), 200));
        Assert.Contains(trace, s => s.OperationName == "db.batch apply pulled page" && s.ParentSpanId == root.SpanId);
    }

    [Fact]
    public async Task Made_up_http_methods_add_no_metric_series()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var api = app.CreateApiClient();
        using var client = new HttpClient { BaseAddress = app.Start() };
        await SendMadeUpMethodsAsync(api, "FOOBAR", "PROPFIND", "X-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var before = await RequestSeriesOnceCountedAsync(client, otherRequests: 3);

        await SendMadeUpMethodsAsync(api, "FOOBAR", "BREW", "X-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var after = await RequestSeriesOnceCountedAsync(client, otherRequests: 6);

        Assert.Equal(before.Series, after.Series);
        Assert.Contains(after.Series, s => s.Contains("http_request_method=\"_OTHER\"", StringComparison.Ordinal));
        Assert.Matches(@"(?m)^leadsync_api_calls_total\{[^}]*method=""_OTHER""", after.Text); // LeadSync's own API counter too
        Assert.DoesNotContain("FOOBAR", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PROPFIND", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("BREW", after.Text, StringComparison.Ordinal);
    }

    private static async Task<SyncRun> PushOneLeadAsync(LeadSyncAppFactory app, string email)
    {
        using var api = app.CreateApiClient();
        using var created = await api.PostAsJsonAsync("api/leads", new { lastName = "Observed", email }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var push = await api.PostAsJsonAsync("api/sync/push", new { leadIds = new[] { id } }, Ct);
        var runId = (await push.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
        var run = await app.WaitForRunAsync(runId);
        Assert.True(run.Created == 1, $"The push did not create the lead in Zoho: {JsonSerializer.Serialize(run)}\n{app.Logs.AllText}");
        return run;
    }

    private static async Task SendMadeUpMethodsAsync(HttpClient api, params string[] methods)
    {
        foreach (var method in methods)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("api/leads", UriKind.Relative));
            using var response = await api.SendAsync(request, Ct);
        }
    }

    /// <summary>
    /// Scrapes until the server has counted <paramref name="otherRequests"/> requests with a made-up method (a request
    /// is counted just after its response went out), then gives the label sets of the request-count series, the
    /// scrapes' own left out.
    /// </summary>
    private static async Task<(SortedSet<string> Series, string Text)> RequestSeriesOnceCountedAsync(HttpClient client, int otherRequests)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("metrics", UriKind.Relative), limit.Token);
            var lines = RequestCountLine().Matches(text).Where(m => !m.Groups[1].Value.Contains("http_route=\"/metrics\"", StringComparison.Ordinal)).ToList();
            var counted = lines.Where(m => m.Groups[1].Value.Contains("http_request_method=\"_OTHER\"", StringComparison.Ordinal))
                .Sum(m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (counted >= otherRequests)
            {
                return (new SortedSet<string>(lines.Select(m => m.Groups[1].Value), StringComparer.Ordinal), text);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
        }
    }

    /// <summary>A copy of what the exporter collected so far (it keeps adding from the exporting thread).</summary>
    private static List<T> Snapshot<T>(List<T> exported) => [.. exported];

    [GeneratedRegex(@"(?m)^http_server_request_duration_seconds_count\{([^}]*)\} (\d+)")]
    private static partial Regex RequestCountLine();
}
