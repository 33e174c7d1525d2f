using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>Fault injection and limits: §4 (credits, 429), §3 (INTERNAL_ERROR), dropped responses, §7.11 (workflow field updates).</summary>
public sealed class SandboxFaultTests
{
    [Fact] // A dropped response: the client sees a failure, yet the write was applied
    public async Task Dropped_response_still_applies_the_write()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();
        sandbox.Control.Faults.Apply(new SandboxFaultPatch { DropResponseRate = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sandbox.SendAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(SandboxHttp.Lead("Dropped", "dropped@example.com"))));
        sandbox.Control.Faults.Apply(new SandboxFaultPatch { DropResponseRate = 0 });
        var (status, list) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dropped@example.com", list!["data"]![0]!["Email"]!.GetValue<string>());
    }

    [Fact] // §7.11: a write without trigger runs workflows; the rule edits the lead again, bumping Modified_Time; trigger [] suppresses it
    public async Task Workflow_rule_edits_the_lead_again_unless_the_write_suppressed_workflows()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:Faults:WorkflowLeadStatus", "Contacted").With("Sandbox:Faults:WorkflowDelayMs", "200");
        using var sandbox = new SandboxHttp(app);
        var suppressedBody = SandboxHttp.Data(SandboxHttp.Lead("Quiet", "quiet@example.com"));
        suppressedBody["trigger"] = new JsonArray();
        var (_, suppressed) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", suppressedBody);
        var quietId = suppressed!["data"]![0]!["details"]!["id"]!.GetValue<string>();
        var (_, inserted) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/Leads", SandboxHttp.Data(SandboxHttp.Lead("Loud", "loud@example.com")));
        var loudId = inserted!["data"]![0]!["details"]!["id"]!.GetValue<string>();
        var insertedModified = inserted["data"]![0]!["details"]!["Modified_Time"]!.GetValue<string>();

        var loud = await Eventually.ReadAsync(
            () => sandbox.GetLeadAsync(loudId), l => l?["Lead_Status"]?.GetValue<string>() == "Contacted",
            "the workflow rule set the status", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Equal("Contacted", loud!["Lead_Status"]?.GetValue<string>());
        Assert.Null((await sandbox.GetLeadAsync(quietId))!["Lead_Status"]);
        Assert.True(string.CompareOrdinal(loud["Modified_Time"]!.GetValue<string>(), insertedModified) >= 0);
    }

    [Fact] // §3: INTERNAL_ERROR 500 and §4.3: TOO_MANY_REQUESTS 429, injected at run time
    public async Task Injected_faults_answer_500_INTERNAL_ERROR_and_429_TOO_MANY_REQUESTS()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();

        sandbox.Control.Faults.Apply(new SandboxFaultPatch { ServerErrorRate = 1 });
        var (serverStatus, serverBody) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");
        sandbox.Control.Faults.Apply(new SandboxFaultPatch { ServerErrorRate = 0, TooManyRequestsRate = 1 });
        var (throttledStatus, throttledBody) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.Equal(HttpStatusCode.InternalServerError, serverStatus);
        Assert.Equal("INTERNAL_ERROR", serverBody!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledStatus);
        Assert.Equal("TOO_MANY_REQUESTS", throttledBody!["code"]!.GetValue<string>());
    }

    [Fact] // §4.2 / §4.3: credits per call; X-API-CREDITS-REMAINING from 50% used; 429 when exhausted
    public async Task Credits_are_reported_from_half_used_and_exhaustion_answers_429()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:DailyCredits", "4");
        using var sandbox = new SandboxHttp(app);

        using var first = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");
        using var second = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");
        using var deleted = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads/deleted");
        using var exhausted = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.False(first.Headers.Contains("X-API-CREDITS-REMAINING"));
        Assert.Equal("2", second.Headers.GetValues("X-API-CREDITS-REMAINING").Single());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
    }

    [Fact] // Random draws are seedable: the same seed gives the same fault sequence
    public void Fault_draws_with_the_same_seed_repeat_exactly()
    {
        var options = Options.Create(new ZohoSandboxOptions { Faults = new SandboxFaultOptions { Seed = 7 } });
        var a = new SandboxFaultInjector(options);
        var b = new SandboxFaultInjector(options);

        var first = Enumerable.Range(0, 50).Select(_ => a.Draw(0.5)).ToList();
        var second = Enumerable.Range(0, 50).Select(_ => b.Draw(0.5)).ToList();
        b.Reseed(7);
        var third = Enumerable.Range(0, 50).Select(_ => b.Draw(0.5)).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }

    [Fact] // Control endpoints: faults can be read and changed over HTTP (browser tests, demos)
    public async Task Control_endpoint_changes_faults_at_run_time()
    {
        await using var app = new LeadSyncAppFactory();
        using var admin = await app.CreateAdminClientAsync(); // control endpoints need a signed-in admin

        using var response = await admin.PutAsync(new Uri("sandbox/zoho/_control/faults", UriKind.Relative),
            new StringContent("""{"latencyMs":5,"workflowLeadStatus":"Contacted"}""", System.Text.Encoding.UTF8, "application/json"), SandboxHttp.Ct);
        var injector = app.Services.GetRequiredService<SandboxFaultInjector>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, injector.Current.LatencyMs);
        Assert.Equal("Contacted", injector.Current.WorkflowLeadStatus);
    }
}
