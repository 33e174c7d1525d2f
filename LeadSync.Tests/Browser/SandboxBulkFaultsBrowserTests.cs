using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>The sandbox page's fault panel offers the Bulk faults (docs/zoho §6) on a desktop and a phone, light and dark.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SandboxBulkFaultsBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("light", 1440, 900)]
    [InlineData("dark", 1440, 900)]
    [InlineData("light", 390, 844)]
    public async Task The_fault_panel_sets_the_bulk_faults(string scheme, int width, int height)
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        var name = $"sandbox-bulk-faults-{scheme}-{width}";
        await BrowserArtifacts.CaptureOnFailureAsync(name, [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "sandbox").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await page.GetByText("Fault injection (sandbox only)").ClickAsync();
            // The panel grows open with a height transition: on a loaded machine a click can land where the Apply button
            // is during the animation, not where it ends. Act only once it stands open.
            await Assertions.Expect(page.Locator("[data-testid=sandbox-faults] .mud-collapse-entered")).ToHaveCountAsync(1);
            var downloads = page.Locator("[data-testid=fault-bulk-downloads] input, input[data-testid=fault-bulk-downloads]").First;
            await downloads.FillAsync("2");
            await downloads.PressAsync("Tab"); // committed (change) before Apply, and not undone by the panel's opening render
            await Assertions.Expect(downloads).ToHaveValueAsync("2");
            await page.Locator("[data-testid=fault-apply]").ClickAsync();
            await Assertions.Expect(page.GetByText("Fault settings applied")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=fault-error]")).ToHaveCountAsync(0);
            await Eventually.TrueAsync(() => app.Sandbox.Faults.Current.BulkDownloadFailures == 2, "the panel applied 2 failing downloads");
            await downloads.ScrollIntoViewIfNeededAsync();
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, name + ".png"), FullPage = true });

            Assert.Equal(500, app.Sandbox.Faults.Current.BulkDownloadFailureStatus);
            Assert.Equal(0, app.Sandbox.Faults.Current.BulkJobFailureRate);
        });
    }
}
