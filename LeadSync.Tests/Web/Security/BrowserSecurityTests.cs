using System.Net;
using System.Net.Http.Json;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Web.Security;

public sealed class BrowserSecurityTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_browser_signs_in_sees_script_names_as_text_and_signs_out()
    {
        using (var api = app.CreateApiClient())
        using (var created = await api.PostAsJsonAsync("api/leads", new { lastName = "<script>window.__xss=1</script>", email = "xss@example.com", company = "<img src=x onerror=\"window.__xss=2\">" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);

        await app.SignInAsync(page);
        Assert.EndsWith("/leads", page.Url, StringComparison.Ordinal);
        var cell = page.GetByText("<script>window.__xss=1</script>", new() { Exact = true });
        await cell.WaitForAsync();
        await page.GetByText("<img src=x onerror=\"window.__xss=2\">", new() { Exact = true }).WaitForAsync();
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
        Assert.Contains("You are signed out.", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_an_api_key_in_the_browser_sees_it_once_and_it_works()
    {
        var page = await browser.NewPageAsync();
        await app.SignInAsync(page);
        await page.GotoAsync(new Uri(app.Start(), "settings/api-keys").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.GetByLabel("What is the key for?").FillAsync("Browser-made key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var keyElement = page.GetByTestId("new-api-key");
        await keyElement.WaitForAsync();
        var key = (await keyElement.InnerTextAsync()).Trim();
        Assert.StartsWith("lsk_", key, StringComparison.Ordinal);

        using (var api = app.CreateApiClient(key))
        using (var response = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await page.ReloadAsync();
        await page.GetByText("Browser-made key").WaitForAsync();
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
