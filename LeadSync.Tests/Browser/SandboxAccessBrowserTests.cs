using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The sandbox page tells a signed-in admin how to call the sandbox (issue 11.1): the credentials appear only on
/// request, and the curl command it shows really gets a token.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class SandboxAccessBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_sandbox_page_shows_working_curl_credentials_only_when_asked()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_sandbox_page_shows_working_curl_credentials_only_when_asked), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "sandbox").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var credentials = await app.SandboxCredentialsAsync();
            Assert.DoesNotContain(credentials.ClientSecret, await page.ContentAsync(), StringComparison.Ordinal);

            await page.GetByText("Call the sandbox yourself (curl)").ClickAsync();
            await page.Locator("[data-testid=sandbox-show-credentials]").ClickAsync();
            var curl = page.Locator("[data-testid=sandbox-curl-token]");
            await Assertions.Expect(curl).ToContainTextAsync(credentials.ClientSecret);
            await Assertions.Expect(page.Locator("[data-testid=sandbox-curl-list]")).ToBeInViewportAsync(); // the panel finished opening
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "sandbox-access.png"), FullPage = true });

            // Run what the page says, as a person pasting it would.
            var command = await curl.InnerTextAsync();
            var url = TokenUrl().Match(command).Groups[1].Value;
            var form = FormField().Matches(command).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            using var http = new HttpClient();
            using var response = await http.PostAsync(new Uri(url), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.True(body.TryGetProperty("access_token", out _), body.ToString());

            await page.Locator("[data-testid=sandbox-hide-credentials]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=sandbox-credentials]")).ToHaveCountAsync(0);
        });
    }

    [GeneratedRegex("curl -X POST \"([^\"]+)\"")]
    private static partial Regex TokenUrl();

    [GeneratedRegex(@"-d (\w+)=(\S+)")]
    private static partial Regex FormField();
}
