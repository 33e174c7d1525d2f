using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>The Leads page in a real Chromium: its first paint, and how it looks with a selection on a wide and a phone-sized window.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LeadsPageBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Companies = ["Initech", "Umbrella", "Globex", "Hooli", "Stark Industries", "Wayne Enterprises"];
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private IBrowserContext context = default!;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, ColorScheme = ColorScheme.Light });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<List<Lead>> SeedAsync(int count)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        var states = new[] { SyncState.Synced, SyncState.Pending, SyncState.Synced, SyncState.Error, SyncState.NeverSynced };
        var leads = Enumerable.Range(1, count).Select(i =>
        {
            var lead = new Lead { CreatedAt = now.AddMinutes(-i), UpdatedAt = now.AddMinutes(-i), SyncState = states[i % states.Length] };
            lead.Apply(new LeadFields($"First{i}", $"Lead{i:00}", $"lead{i:00}@example.com", $"+1 555 01{i:00}", "Contacted", Companies[i % Companies.Length]));
            return lead;
        }).ToList();
        db.AddRange(leads);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return leads;
    }

    [Fact]
    public async Task The_first_paint_says_the_leads_are_loading_and_the_rows_replace_it()
    {
        await SeedAsync(3);
        // Without scripts the page stays at its first paint: the prerendered HTML, before the grid asks for data.
        await using var firstPaint = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 800 }, JavaScriptEnabled = false, StorageState = await context.StorageStateAsync(),
        });
        var before = await firstPaint.NewPageAsync();
        var page = await context.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_first_paint_says_the_leads_are_loading_and_the_rows_replace_it), [before, page], async () =>
        {
            await before.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await Assertions.Expect(before.Locator("[data-testid=leads-loading]")).ToBeVisibleAsync();
            await Assertions.Expect(before.Locator("[data-testid=leads-loading]")).ToContainTextAsync("Loading leads…");
            await Assertions.Expect(before.Locator("[data-testid=leads-grid]")).ToHaveAttributeAsync("aria-busy", "true");
            await Assertions.Expect(before.GetByText("No leads yet")).ToHaveCountAsync(0);
            await Assertions.Expect(before.GetByText("0-0 of 0")).ToHaveCountAsync(0);
            await before.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-loading.png") });

            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("[data-testid=leads-loading]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=leads-grid]")).ToHaveAttributeAsync("aria-busy", "false");
            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("3 leads");
        });
    }

    [Fact]
    public async Task Screenshots_of_the_leads_page_with_a_selection_wide_and_phone_sized()
    {
        var leads = await SeedAsync(14);
        var page = await context.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Screenshots_of_the_leads_page_with_a_selection_wide_and_phone_sized), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(14);
            foreach (var lead in leads.Take(2))
            {
                await page.Locator($"[data-testid=lead-select][data-lead-id='{lead.Id}'] input").CheckAsync();
            }

            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("2 selected");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-leads-1280.png") });

            await page.SetViewportSizeAsync(390, 844);
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("2 selected");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-leads-390.png") });
        });
    }
}
