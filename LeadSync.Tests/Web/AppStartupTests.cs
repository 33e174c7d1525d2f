using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web;

public sealed class AppStartupTests
{
    [Fact]
    public async Task App_starts_and_serves_the_leads_page()
    {
        await using var app = new LeadSyncAppFactory();
        using var http = await app.CreateAdminClientAsync();

        using var response = await http.GetAsync(new Uri("leads", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"GET /leads answered {(int)response.StatusCode}");
        Assert.Contains("<title>LeadSync</title>", html, StringComparison.Ordinal);
        Assert.Contains("Leads", html, StringComparison.Ordinal);
    }
}
