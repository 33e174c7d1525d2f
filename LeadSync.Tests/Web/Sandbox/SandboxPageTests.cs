using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>The console's "Zoho CRM (sandbox)" page is served and clearly marked as the sandbox.</summary>
public sealed class SandboxPageTests
{
    [Fact]
    public async Task Sandbox_page_is_served_with_the_sandbox_banner_and_a_nav_link()
    {
        await using var app = new LeadSyncAppFactory();
        using var http = await app.CreateAdminClientAsync();

        using var response = await http.GetAsync(new Uri("sandbox", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"GET /sandbox answered {(int)response.StatusCode}");
        Assert.Contains("built-in Zoho CRM sandbox, standing in for a real Zoho account", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sandbox-grid\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/sandbox\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_is_not_served_when_Zoho_mode_is_Live()
    {
        await using var app = new LeadSyncAppFactory().With("Zoho:Mode", "Live");
        using var http = await app.CreateAdminClientAsync();

        using var token = await http.PostAsync(new Uri("sandbox/zoho/oauth/v2/token", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var page = await http.GetAsync(new Uri("sandbox", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(token.IsSuccessStatusCode, $"token endpoint answered {(int)token.StatusCode}: {await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Contains("data-testid=\"sandbox-off\"", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
