using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The dashboard's activity chart in a real Chromium at 1280 px: an honest empty state on a fresh install, bars that
/// fill the card once leads sync, and a bar that opens the runs of its bucket. Saves issue15-dashboard(-empty).png.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_activity_chart_fills_its_card_and_a_bar_opens_the_runs_of_its_bucket()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_activity_chart_fills_its_card_and_a_bar_opens_the_runs_of_its_bucket), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "dashboard").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=activity-empty]")).ToContainTextAsync("No sync activity in the last 24 hours");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-dashboard-empty.png"), FullPage = true });

            for (var i = 0; i < 3; i++)
            {
                await app.WaitSyncedAsync((await app.CreateAsync($"chart{i}@example.com", lastName: $"Chart{i}")).Id);
            }

            await page.ReloadAsync();
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=activity-bar]")).ToHaveCountAsync(24);
            var card = (await page.Locator("[data-testid=activity-chart]").BoundingBoxAsync())!;
            var bars = (await page.Locator("[data-testid=activity-bars]").BoundingBoxAsync())!;
            Assert.InRange(bars.Width, card.Width - 34, card.Width); // the card's 16 px padding on each side, nothing more
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-dashboard.png"), FullPage = true });

            await page.Locator("[data-testid=activity-bar]:not([data-synced='0'])").Last.ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/runs\?from=[^&]+Z&to=[^&]+Z$"));
            await Assertions.Expect(page.Locator("[data-testid=filter-window]")).ToContainTextAsync("UTC");
            await Assertions.Expect(page.Locator("[data-testid=run-row]").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-runs-window.png"), FullPage = true });
        });
    }
}
