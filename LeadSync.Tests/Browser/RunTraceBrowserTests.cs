using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// A run's page shows the run's trace id and, with <c>Observability:TraceUrlTemplate</c>, links it to the trace UI
/// (issue 19), in light, dark and a 390 px wide phone. Saves the acceptance screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class RunTraceBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_run_page_shows_the_trace_id_and_links_it_to_the_trace_ui()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Observability:TraceUrlTemplate", "https://traces.example.com/trace/{traceId}"));
        var lead = await app.CreateAsync("traced.browser@example.com");
        await app.WaitSyncedAsync(lead.Id);
        await Eventually.TrueAsync(
            async () => (await app.RunsAsync()).Any(r => r.Kind == SyncRunKind.Push && r.Created == 1 && r.FinishedAt is not null),
            "the lead's push run has finished");
        var run = (await app.RunsAsync()).Last(r => r.Kind == SyncRunKind.Push && r.Created == 1);
        Assert.Matches("^[0-9a-f]{32}$", run.TraceId);

        foreach (var (name, scheme, width, height) in new[]
                 {
                     ("light", ColorScheme.Light, 1440, 900), ("dark", ColorScheme.Dark, 1440, 900), ("narrow", ColorScheme.Light, 390, 844),
                 })
        {
            await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await app.SignInAsync(page);
            await BrowserArtifacts.CaptureOnFailureAsync($"{nameof(The_run_page_shows_the_trace_id_and_links_it_to_the_trace_ui)}-{name}", [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), $"runs/{run.Id}").ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=run-trace-id]")).ToHaveTextAsync(run.TraceId!);
                await Assertions.Expect(page.Locator("[data-testid=run-trace-link]"))
                    .ToHaveAttributeAsync("href", $"https://traces.example.com/trace/{run.TraceId}");
                await page.WaitForTimeoutAsync(300); // the theme follows the system preference after the first render
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"issue19-run-trace-{name}.png"), FullPage = true });
            });
        }
    }
}
