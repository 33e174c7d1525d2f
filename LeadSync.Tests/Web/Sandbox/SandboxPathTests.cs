using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>Unknown paths answer like Zoho (docs/zoho §3), and the record count (<c>/Leads/actions/count</c>) costs 1 credit.</summary>
public sealed class SandboxPathTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("GET", "crm/v8/Foo", 400, "INVALID_MODULE")]
    [InlineData("GET", "crm/v8/Foo/5725767000000000001", 400, "INVALID_MODULE")]
    [InlineData("POST", "crm/v8/Foo/upsert", 400, "INVALID_MODULE")]
    [InlineData("GET", "crm/v8/Leads/5725767000000000001/bogus", 404, "INVALID_URL_PATTERN")]
    [InlineData("GET", "crm/v8/actions/nothing", 404, "INVALID_URL_PATTERN")]
    [InlineData("GET", "crm/bulk/v8/nothing", 404, "INVALID_URL_PATTERN")]
    public async Task An_unknown_module_is_INVALID_MODULE_and_a_bad_path_under_a_known_one_is_INVALID_URL_PATTERN(string method, string path, int status, string code)
    {
        var (answered, body) = await fixture.Sandbox.CallAsync(new HttpMethod(method), path);

        Assert.Equal((HttpStatusCode)status, answered);
        Assert.Equal(code, body!["code"]!.GetValue<string>());
        if (code == "INVALID_MODULE")
        {
            Assert.Equal(0, body["details"]!["resource_path_index"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_record_count_is_the_number_of_leads_and_costs_one_credit()
    {
        var sandbox = fixture.Sandbox;
        await sandbox.InsertAsync(SandboxHttp.Lead("Counted", SandboxHttp.Unique("count") + "@example.com"));
        var before = sandbox.Control.State();

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/actions/count");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before.Leads, body!["count"]!.GetValue<int>());
        Assert.Equal(before.CreditsUsed + 1, sandbox.Control.State().CreditsUsed);
    }

    [Fact]
    public async Task The_record_count_honours_a_Modified_Time_criterion_and_refuses_a_bad_one()
    {
        var sandbox = fixture.Sandbox;
        await sandbox.InsertAsync(SandboxHttp.Lead("Counted", SandboxHttp.Unique("count") + "@example.com"));
        var leads = sandbox.Control.State().Leads;

        var (_, since2000) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/actions/count?criteria=" + Uri.EscapeDataString("(Modified_Time:greater_than:2000-01-01T00:00:00+00:00)"));
        var (_, since2099) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/actions/count?criteria=" + Uri.EscapeDataString("(Modified_Time:greater_than:2099-01-01T00:00:00+00:00)"));
        var credits = sandbox.Control.State().CreditsUsed;
        var (badStatus, bad) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads/actions/count?criteria=" + Uri.EscapeDataString("(Modified_Time:greater_than:yesterday)"));

        Assert.Equal(leads, since2000!["count"]!.GetValue<int>());
        Assert.Equal(0, since2099!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("ISO 8601", bad!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(credits, sandbox.Control.State().CreditsUsed);
    }
}
