using LeadSync.Core.Sync.Merge;
using LeadSync.Tests.Core.Conflicts;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The dashboard and the conflicts page in a real Chromium over real data: leads pushed to the sandbox and a conflict
/// made the way it happens (both sides edit the same field, Manual policy). Saves the acceptance screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ConsolePagesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Dashboard_and_conflicts_pages_show_real_sync_data_to_a_person()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:ConflictPolicy", "Manual")
            .With("Sync:RetryBaseDelay", "00:01:00")
            .With("Sync:RetryMaxDelay", "00:01:00")
            .With("Zoho:MaxAttempts", "1"));
        for (var i = 0; i < 3; i++)
        {
            var lead = await app.CreateAsync($"dash{i}@example.com", lastName: $"Dashboard{i}", company: "Umbrella");
            await app.WaitSyncedAsync(lead.Id);
        }

        await ConflictTests.ConflictingEditsAsync(app, "held.conflict@example.com");
        Assert.Equal(1, (await app.PullAsync()).Conflicts);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Dashboard_and_conflicts_pages_show_real_sync_data_to_a_person), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "dashboard").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=activity-chart]")).ToBeVisibleAsync();

            // The conflict was made with a 429 storm: the indicator shows Rate-limited for a few seconds, then Idle.
            await Assertions.Expect(page.Locator("[data-testid=engine-indicator]")).ToHaveAttributeAsync("data-state", "Idle", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=last-pull]")).Not.ToHaveTextAsync("Never");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "dashboard.png"), FullPage = true });
            Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);

            await page.GotoAsync(new Uri(app.Start(), "conflicts").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var card = page.Locator("[data-testid=conflict-lead]");
            await Assertions.Expect(card).ToHaveCountAsync(1);
            await Assertions.Expect(card.Locator("[data-testid=local-value]")).ToContainTextAsync("555-1111");
            await Assertions.Expect(card.Locator("[data-testid=zoho-value]")).ToContainTextAsync("555-2222");
            await Assertions.Expect(card.Locator("[data-testid=agreed-value]")).ToContainTextAsync("555-0000");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "conflicts.png"), FullPage = true });
            Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        });
    }
}
