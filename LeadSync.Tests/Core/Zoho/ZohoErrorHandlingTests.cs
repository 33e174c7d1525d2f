using System.Net;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Request-level failures, their classification and the retry rules (§3, §4.3, §7.13).</summary>
public sealed class ZohoErrorHandlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ZohoLead NewLead() => new() { LastName = "Retry", Email = $"r.{Guid.NewGuid():N}@zylker.test", Company = "Zylker" };

    [Fact]
    public async Task Too_many_requests_is_transient_and_retried_up_to_the_attempt_limit()
    {
        // §3 TOO_MANY_REQUESTS 429, §4.3 no Retry-After: backoff and retry (default 3 attempts)
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.GetLeadsAsync(["5725767000000000001"], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal("TOO_MANY_REQUESTS", error.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatus);
        Assert.Equal(3, zoho.Observer.ApiCalls.Count);
        Assert.All(zoho.Observer.ApiCalls, c => Assert.Equal("TOO_MANY_REQUESTS", c.ErrorCode));
    }

    [Fact]
    public async Task A_transient_failure_followed_by_success_returns_the_result()
    {
        // §3: 5xx is transient; the client retries it for an idempotent call
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o => o.MaxAttempts = 10));
        var id = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead()], Ct)).Id!;
        app.Faults(new SandboxFaultPatch { ServerErrorRate = 0.5, Seed = 7 });

        var lead = Assert.Single(await zoho.Client.GetLeadsAsync([id], Ct));

        Assert.Equal(id, lead.Id);
        Assert.Equal(200, zoho.Observer.ApiCalls[^1].Status);
    }

    [Fact]
    public async Task Server_errors_are_transient_and_a_conditional_update_is_retried()
    {
        // §3 INTERNAL_ERROR 500 → Transient; an update conditioned on If-Unmodified-Since (§2.5) is safe to repeat: if the
        // first attempt was applied, the repeat is refused as ALREADY_MODIFIED instead of overwriting anything
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        var id = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead()], Ct)).Id!;
        app.Faults(new SandboxFaultPatch { ServerErrorRate = 1 });
        zoho.Observer.Clear();

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.UpdateLeadsAsync([NewLead() with { Id = id }], DateTimeOffset.UtcNow.AddMinutes(1), Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Equal("INTERNAL_ERROR", error.Code);
        Assert.Equal(3, zoho.Observer.ApiCalls.Count);
    }

    [Fact]
    public async Task An_unconditional_update_is_not_repeated_after_a_lost_response()
    {
        // A repeat of an update without If-Unmodified-Since would overwrite an edit made after the first attempt landed
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        var id = Assert.Single(await zoho.Client.InsertLeadsAsync([NewLead()], Ct)).Id!;
        app.Faults(new SandboxFaultPatch { DropResponseRate = 1 });
        zoho.Observer.Clear();

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.UpdateLeadsAsync([NewLead() with { Id = id, Company = "Applied Once" }], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Single(zoho.Observer.ApiCalls);
        app.Faults(new SandboxFaultPatch { DropResponseRate = 0 });
        Assert.Equal("Applied Once", Assert.Single(await zoho.Client.GetLeadsAsync([id], Ct)).Company);
    }

    [Fact]
    public async Task An_insert_is_not_retried_after_a_server_error()
    {
        // §7.5: insert is not idempotent; a 5xx may have been applied
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { ServerErrorRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.InsertLeadsAsync([NewLead()], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Single(zoho.Observer.ApiCalls);
    }

    [Fact]
    public async Task An_insert_is_retried_after_429_because_it_was_not_applied()
    {
        // §4.3: 429 means not applied, so even an insert may be retried
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.InsertLeadsAsync([NewLead()], Ct));

        Assert.Equal("TOO_MANY_REQUESTS", error.Code);
        Assert.Equal(3, zoho.Observer.ApiCalls.Count);
        Assert.Equal(0, app.Sandbox.State().Leads);
    }

    [Fact]
    public async Task A_lost_insert_response_is_transient_and_not_retried()
    {
        // Connection aborted after the write was applied: transient, but retrying would duplicate (§7.5)
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { DropResponseRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.InsertLeadsAsync([NewLead()], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Single(zoho.Observer.ApiCalls);
        Assert.Equal(1, app.Sandbox.State().Leads);
    }

    [Fact] // found by the model-checked test: the client's own retry of a lost upsert overwrote a Zoho user's edit made in between
    public async Task A_lost_upsert_response_is_transient_and_not_repeated_by_the_client()
    {
        // Upsert by Email never duplicates (§2.6), but a repeat overwrites every field it sends: an edit made to the record
        // after the lost attempt would be lost. The outbox tries again later, after looking for the record.
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { DropResponseRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.UpsertLeadsAsync([NewLead()], ["Email"], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Single(zoho.Observer.ApiCalls);
        Assert.Equal(1, app.Sandbox.State().Leads);
    }

    [Fact]
    public async Task An_upsert_is_repeated_after_429_because_it_was_not_applied()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.UpsertLeadsAsync([NewLead()], ["Email"], Ct));

        Assert.Equal("TOO_MANY_REQUESTS", error.Code);
        Assert.Equal(3, zoho.Observer.ApiCalls.Count);
        Assert.Equal(0, app.Sandbox.State().Leads);
    }

    [Fact]
    public async Task A_timeout_is_transient()
    {
        // Timeouts are transient; an insert that timed out is not repeated
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o => o.RequestTimeout = TimeSpan.FromSeconds(1)));
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { LatencyMs = 5000 });

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.InsertLeadsAsync([NewLead()], Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Equal("TIMEOUT", error.Code);
        Assert.Single(zoho.Observer.ApiCalls);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        // HttpRequestException (nothing listening) → Transient
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o =>
        {
            o.Mode = ZohoMode.Live;
            o.AccountsUrl = "http://127.0.0.1:9";
            o.ClientId = "id";
            o.ClientSecret = "secret";
            o.RefreshToken = "refresh";
        }));

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.EnsureAuthorizedAsync(Ct));

        Assert.Equal(ZohoFailureKind.Transient, error.Kind);
        Assert.Equal("CONNECTION_FAILED", error.Code);
    }

    [Fact]
    public async Task Other_client_errors_are_permanent()
    {
        // §3: a 4xx other than 429 will fail the same way again (here: an API version the sandbox does not serve → 404)
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o => o.ApiVersion = "v7"));

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.GetLeadsAsync(["5725767000000000001"], Ct));

        Assert.Equal(ZohoFailureKind.Permanent, error.Kind);
        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatus);
        Assert.Single(zoho.Observer.ApiCalls);
    }

    [Fact]
    public async Task The_concurrency_limit_keeps_calls_within_zohos_cap()
    {
        // §4.3: more in-flight calls than allowed → 429; MaxConcurrency keeps the client below it
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:MaxConcurrentCalls", "2");
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o => { o.MaxConcurrency = 2; o.MaxAttempts = 1; }));
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        app.Faults(new SandboxFaultPatch { LatencyMs = 100, MaxConcurrentCalls = 2 });

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => zoho.Client.GetLeadsAsync(["5725767000000000001"], Ct)));

        Assert.Equal(12, zoho.Observer.ApiCalls.Count);
        Assert.All(zoho.Observer.ApiCalls, c => Assert.Equal(204, c.Status));
    }

    [Theory]
    [InlineData(401, """{"code":"OAUTH_SCOPE_MISMATCH","details":{},"message":"Unauthorized","status":"error"}""", ZohoFailureKind.ScopeMismatch)]
    [InlineData(400, """{"code":"PAGINATION_LIMIT_EXCEEDED","details":{"limit":100000},"message":"limit","status":"error"}""", ZohoFailureKind.PaginationLimit)]
    [InlineData(429, """{"code":"TOO_MANY_REQUESTS","details":{},"message":"slow down","status":"error"}""", ZohoFailureKind.Transient)]
    [InlineData(500, """{"code":"INTERNAL_ERROR","details":{},"message":"Internal Server Error","status":"error"}""", ZohoFailureKind.Transient)]
    [InlineData(503, "<html>unavailable</html>", ZohoFailureKind.Transient)]
    [InlineData(403, """{"code":"NO_PERMISSION","details":{"permissions":["Crm_Implied_View_Leads"]},"message":"permission denied","status":"error"}""", ZohoFailureKind.Permanent)]
    [InlineData(400, """{"code":"INVALID_MODULE","details":{"resource_path_index":0},"message":"the module name given seems to be invalid","status":"error"}""", ZohoFailureKind.Permanent)]
    [InlineData(200, """{"code":"INVALID_REQUEST","details":{},"message":"envelope under 200","status":"error"}""", ZohoFailureKind.Permanent)]
    public void Request_level_envelopes_map_to_their_failure_kind(int status, string body, ZohoFailureKind kind)
    {
        // §3: the request-level envelope {code, details, message, status}
        var error = ZohoErrors.RequestError(new ZohoResponse(status, body, null, TimeSpan.Zero), recordLevel: false);

        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Equal((HttpStatusCode)status, error.HttpStatus);
        Assert.Equal(kind == ZohoFailureKind.ScopeMismatch, error.IsAuthorizationProblem);
    }

    [Fact]
    public void Duplicate_data_errors_carry_the_existing_record_id_in_both_shapes()
    {
        // §3 DUPLICATE_DATA: v3+ details.duplicate_record.id and v2 details.id
        const string body = """
            {"data":[
              {"code":"DUPLICATE_DATA","details":{"api_name":"Email","json_path":"$.data[0].Email","duplicate_record":{"id":"4881139000000428295","module":{"api_name":"Leads","id":"1"}},"more_records":false},"message":"duplicate data","status":"error"},
              {"code":"DUPLICATE_DATA","details":{"api_name":"Email","id":"4881139000000428296"},"message":"duplicate data","status":"error"},
              {"code":"SUCCESS","details":{"Modified_Time":"2024-05-10T01:10:47-07:00","id":"5725767000000524157"},"message":"record added","status":"success"}
            ]}
            """;
        var response = new ZohoResponse(207, body, null, TimeSpan.Zero);

        Assert.Null(ZohoErrors.RequestError(response, recordLevel: true));
        var results = ZohoJson.WriteResults(response, 3);

        Assert.Equal("4881139000000428295", results[0].Error!.ExistingId);
        Assert.Equal("$.data[0].Email", results[0].Error!.JsonPath);
        Assert.Equal("4881139000000428296", results[1].Error!.ExistingId);
        Assert.Null(results[1].Error!.JsonPath);
        Assert.Equal("5725767000000524157", results[2].Id);
        Assert.Equal(new DateTimeOffset(2024, 5, 10, 1, 10, 47, TimeSpan.FromHours(-7)), results[2].ModifiedTime);
        Assert.Equal(TimeSpan.FromHours(-7), results[2].ModifiedTime!.Value.Offset);
    }
}
