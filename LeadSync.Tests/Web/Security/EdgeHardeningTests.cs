using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

/// <summary>The small doors of issue 11.8, each over real HTTP.</summary>
public sealed class EdgeHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/leads?search=Zo%C3%AB", "/leads?search=Zo%C3%AB")] // non-ASCII: percent-encoded, not a 500
    [InlineData("/leads/%E6%9D%8E", "/leads/%E6%9D%8E")]
    [InlineData("/leads%0D%0ASet-Cookie:%20x=y", "/leads")] // a header break: dropped
    public async Task Signing_in_with_any_return_url_redirects_to_a_safe_local_address(string returnUrl, string expected)
    {
        await using var app = new LeadSyncAppFactory();
        using var client = app.CreateCookieClient();

        using var response = await LeadSyncAppFactory.PostFormAsync(client, "account/signin?ReturnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)), new()
        {
            ["Input.Email"] = LeadSyncAppFactory.AdminEmail,
            ["Input.Password"] = LeadSyncAppFactory.AdminPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, app.RedirectTarget(response));
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_Secure_over_HTTPS_through_a_known_proxy_and_not_over_plain_HTTP()
    {
        await using var app = new LeadSyncAppFactory().With("Proxy:Enabled", "true").With("Proxy:KnownProxies:0", "127.0.0.1");
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Start() };

        using var https = new HttpRequestMessage(HttpMethod.Get, new Uri("account/signin", UriKind.Relative));
        https.Headers.Add("X-Forwarded-Proto", "https");
        using var overHttps = await client.SendAsync(https, Ct);
        using var overHttp = await client.GetAsync(new Uri("account/signin", UriKind.Relative), Ct);

        Assert.Contains(AntiforgeryCookie(overHttps), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(AntiforgeryCookie(overHttp), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Anonymous_readyz_calls_do_not_each_ask_Zoho_for_a_token()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var sandbox = app.Services.GetRequiredService<ZohoSandboxControl>();
        await sandbox.RevokeRefreshTokenAsync(Ct); // no token can be had: every check would ask again
        using var client = new HttpClient { BaseAddress = app.Start() };
        var before = sandbox.State().TokenRequests;

        for (var i = 0; i < 8; i++)
        {
            using var ready = await client.GetAsync(new Uri("readyz", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // Degraded is still ready
        }

        Assert.True(sandbox.State().TokenRequests - before <= 1, $"{sandbox.State().TokenRequests - before} token requests for 8 /readyz calls");
    }

    [Fact]
    public async Task A_newline_in_a_webhook_channel_id_cannot_forge_a_log_line()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var client = new HttpClient { BaseAddress = app.Start() };
        using var body = new StringContent(
            """{"module":"Leads","ids":["1"],"operation":"update","channel_id":"123\nFORGED: admin signed in","token":"x"}""",
            Encoding.UTF8,
            "application/json");

        using var response = await client.PostAsync(new Uri("webhooks/zoho", UriKind.Relative), body, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var lines = app.Logs.Lines.Where(l => l.Contains("Zoho notification refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("123\\nFORGED", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains('\n', StringComparison.Ordinal) && l.Contains("FORGED", StringComparison.Ordinal));
    }

    private static List<string> AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? [.. values.Where(v => v.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))]
            : [];
}
