using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Issue 17's Initial sync on the Settings page in a real Chromium, end to end: the dry run's figures against a seeded
/// sandbox and database are exact, Start runs it, and afterwards both sides hold every lead once. Saves light, dark and
/// narrow screenshots of the section.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class InitialSyncBrowserTests(BrowserFixture browser)
{
    private const float Timeout = 30_000;

    private static readonly string[] LocalEmails = ["Shot.0@zoho.example", "shot.1@zoho.example", "here.1@example.com", "here.2@example.com", "here.3@example.com"];

    private static readonly string[] Figures =
        ["plan-local-total", "plan-never-linked", "plan-email-matches", "plan-to-create", "plan-pull-credits", "plan-push-credits", "plan-total-credits", "plan-dry-run-credits"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1280, 800, "light")]
    [InlineData(1280, 800, "dark")]
    [InlineData(390, 844, "light")]
    public async Task Dry_run_figures_are_exact_and_start_brings_both_sides_together(int width, int height, string scheme)
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:BulkReadPollInterval", "00:00:00.050").With("Sandbox:Bulk:StepMilliseconds", "20"));
        await app.ZohoSeedAsync(20, "Shot", DateTimeOffset.UtcNow.AddHours(-1)); // shot.0@zoho.example … shot.19@zoho.example
        await app.QueryAsync(async db =>
        {
            foreach (var email in LocalEmails)
            {
                var lead = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
                lead.Apply(new LeadFields("Ann", "Here", email, null, null, "Acme"));
                db.Leads.Add(lead);
            }

            return await db.SaveChangesAsync(Token);
        });
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.GotoAsync(new Uri(app.Start(), "settings").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        var name = $"{width}-{scheme}";
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Dry_run_figures_are_exact_and_start_brings_both_sides_together) + name, [page], async () =>
        {
            var section = page.Locator("[data-testid=initial-sync]");
            await Assertions.Expect(page.Locator("[data-testid=initial-sync-start]")).ToBeDisabledAsync();
            await page.ClickAsync("[data-testid=initial-sync-estimate]");

            await Assertions.Expect(page.Locator("[data-testid=plan-zoho-total]")).ToHaveTextAsync("20");
            Assert.Equal(["5", "5", "2", "3", "52", "1", "53", "51"], await Task.WhenAll(Figures.Select(id => page.Locator($"[data-testid={id}]").InnerTextAsync())));
            await section.ScrollIntoViewIfNeededAsync();
            await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"issue17-initial-sync-{name}.png") });
            if (name != "1280-light")
            {
                return;
            }

            await page.ClickAsync("[data-testid=initial-sync-start]");
            await Assertions.Expect(page.Locator("[data-testid=initial-sync-started]")).ToContainTextAsync("Initial sync started.");
            await Eventually.TrueAsync(
                async () => await app.OutboxCountAsync() == 0 && app.Sandbox.State().Leads == 23
                    && await app.QueryAsync(db => db.Leads.CountAsync(l => l.ZohoId != null && l.SyncState == SyncState.Synced, Token)) == 23,
                "both sides hold the 23 leads, each once, all synced", TimeSpan.FromSeconds(60));
            Assert.Single(app.ZohoByEmail("shot.0@zoho.example")); // linked by email, not duplicated
        });
    }
}
