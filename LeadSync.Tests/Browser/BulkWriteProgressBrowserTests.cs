using LeadSync.Tests.Core.Outbox.Bulk;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>A bulk push shows on the Leads page with its own bar and counts, live (docs/zoho §6.5), on a desktop and a phone, light and dark.</summary>
[Collection(BrowserGroup.Name)]
public sealed class BulkWriteProgressBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("light", 1440, 900)]
    [InlineData("dark", 1440, 900)]
    [InlineData("light", 390, 844)]
    public async Task A_bulk_push_shows_rows_uploaded_zohos_state_and_rows_applied(string scheme, int width, int height)
    {
        // Each of the sandbox's job steps takes 1.5 s, so the job is in flight long enough to be seen.
        await using var app = BulkWriteHost.Start(a => a.With("Sandbox:Bulk:StepMilliseconds", "1500"));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        var name = $"bulk-write-progress-{scheme}-{width}";
        await BrowserArtifacts.CaptureOnFailureAsync(name, [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads($"browser-{scheme}-{width}", 300));
            await page.ReloadAsync(); // the leads were written straight to the database, which tells no open page
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            BulkWriteHost.Nudge(app);

            var progress = page.Locator("[data-testid=bulk-progress-text]");
            await progress.WaitForAsync();
            await page.GetByText("Zoho IN PROGRESS").Or(page.GetByText("Zoho QUEUED")).First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, name + ".png") });

            Assert.Contains("300 of 300 uploaded", await progress.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Bulk Write to Zoho", await page.Locator("[data-testid=running-run]").First.InnerTextAsync(), StringComparison.Ordinal);
            await BulkWriteHost.SettledAsync(app);
        });
    }
}
