using System.Text.Json;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Workflow suppression (§7.11), credit reporting (§4.1–§4.3) and token lifetimes (§1.3).</summary>
public sealed class ZohoWriteOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ZohoLead NewLead() => new() { LastName = "Flow", Email = $"w.{Guid.NewGuid():N}@zylker.test", LeadStatus = "Not Contacted" };

    [Fact]
    public async Task Writes_suppress_workflows_unless_WorkflowTrigger_is_set()
    {
        // §2.4, §7.11: "trigger": [] runs no workflow; omitted runs them all
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var quiet = app.CreateZohoClient();
        using var loud = app.CreateZohoClient(ZohoTestClients.FastOptions(o => o.WorkflowTrigger = true));
        app.Faults(new SandboxFaultPatch { WorkflowLeadStatus = "Junk Lead", WorkflowDelayMs = 0 });

        var suppressed = Assert.Single(await quiet.Client.InsertLeadsAsync([NewLead()], Ct)).Id!;
        var triggered = Assert.Single(await loud.Client.InsertLeadsAsync([NewLead()], Ct)).Id!;

        // The sandbox runs workflow updates in write order: once the later one has run, the earlier one would have too.
        await Eventually.PassesAsync(
            async () => Assert.Equal("Junk Lead", (await quiet.Client.GetLeadsAsync([triggered], Ct))[0].LeadStatus),
            "the workflow of the triggered write has run", TimeSpan.FromSeconds(15));
        Assert.Equal("Not Contacted", (await quiet.Client.GetLeadsAsync([suppressed], Ct))[0].LeadStatus);
    }

    [Fact]
    public async Task Calls_report_credits_and_the_remaining_credits_header()
    {
        // §4.2 credits per call, §4.3 X-API-CREDITS-REMAINING once half the allowance is used
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:DailyCredits", "40");
        using var zoho = app.CreateZohoClient();

        await zoho.Client.InsertLeadsAsync(Enumerable.Range(0, 100).Select(_ => NewLead()).ToList(), Ct);
        await zoho.Client.InsertLeadsAsync(Enumerable.Range(0, 100).Select(_ => NewLead()).ToList(), Ct);
        await foreach (var _ in zoho.Client.ListDeletedLeadsAsync(null, Ct))
        {
        }

        var calls = zoho.Observer.ApiCalls;
        Assert.Equal([10, 10, 2], calls.Select(c => c.Credits));
        Assert.Equal(20, calls[1].CreditsRemaining);
        Assert.Equal(18, calls[2].CreditsRemaining);
        Assert.Equal(0, Assert.Single(zoho.Observer.Calls, c => c.Path.EndsWith("/token", StringComparison.Ordinal)).Credits);
    }

    [Theory]
    [InlineData("""{"access_token":"a","expires_in":3600}""", 3600)]
    [InlineData("""{"access_token":"a","expires_in":3600000,"expires_in_sec":3600}""", 3600)]
    [InlineData("""{"access_token":"a","expires_in":1800000,"expires_in_sec":1800}""", 1800)]
    [InlineData("""{"access_token":"a"}""", 3600)]
    public void Token_lifetime_is_seconds_or_milliseconds_when_expires_in_sec_is_present(string body, int seconds)
    {
        // §1.3, §7.4: expires_in unit changed
        using var document = JsonDocument.Parse(body);

        Assert.Equal(TimeSpan.FromSeconds(seconds), ZohoTokenProvider.Lifetime(document.RootElement));
    }
}
