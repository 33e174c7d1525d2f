using LeadSync.Tests.Core.Sync.Pull;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// A pull that could not resume the Bulk Read an earlier pull left (docs/zoho §6.1: the job failed) says why on its run
/// page, in light, dark and a 390 px wide phone. Saves the acceptance screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class BulkReadNoteBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_run_page_says_why_a_new_bulk_read_job_replaced_the_one_left_by_an_earlier_pull()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => BulkReadPullTests.Bulk(f, 100));
        await app.ZohoSeedAsync(150, "Noted", DateTimeOffset.UtcNow.AddHours(-1));
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 1 });
        Assert.NotNull((await app.PullAsync()).Error);
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 0 });
        var run = await app.PullAsync();
        Assert.Null(run.Error);

        foreach (var (name, scheme, width, height) in new[]
                 {
                     ("light", ColorScheme.Light, 1440, 900), ("dark", ColorScheme.Dark, 1440, 900), ("narrow", ColorScheme.Light, 390, 844),
                 })
        {
            await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await app.SignInAsync(page);
            await BrowserArtifacts.CaptureOnFailureAsync($"{nameof(The_run_page_says_why_a_new_bulk_read_job_replaced_the_one_left_by_an_earlier_pull)}-{name}", [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), $"runs/{run.Id}").ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=run-note]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
                    "^Zoho's Bulk Read job \\d+ left by an earlier pull ended in state FAILED: a new job reads the records again\\.$"));
                await Assertions.Expect(page.Locator("[data-testid=run-outcome]")).ToHaveAttributeAsync("data-outcome", "Succeeded");
                await Assertions.Expect(page.Locator("[data-testid=event-row]").First).ToBeVisibleAsync(); // the run's events loaded
                await page.WaitForTimeoutAsync(300); // the theme follows the system preference after the first render
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"issue17-bulk-read-note-{name}.png"), FullPage = false });
            });
        }
    }
}
