using System.Net.Http.Json;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// An open Leads page while the data changes under it (issue 15, points 9 and 10): new leads from the API or from Zoho
/// show up with the count, without losing the user's page or selection, and rows the user's own Push moves out of the
/// filter stay where they were, marked, until the user moves on.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LeadsPageLiveBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly float Timeout = 30_000;
    private static readonly string[] KeptNames = ["Keep1", "Keep2"];
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory()
        .With("Sync:SweepInterval", "00:00:00.300")
        .With("Sync:PullInterval", "00:00:01")
        .With("Webhooks:Enabled", "false");

    private IBrowserContext context = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, ColorScheme = ColorScheme.Light });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), path).ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        return page;
    }

    private static ILocator Row(IPage page, string text) => page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = text });

    private async Task<List<Lead>> SeedAsync(SyncState state, params string[] lastNames)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var leads = lastNames.Select((n, i) =>
        {
            var lead = new Lead { CreatedAt = now.AddMinutes(-i - 10), UpdatedAt = now.AddMinutes(-i - 10), SyncState = state };
            lead.Apply(new LeadFields("Eve", n, $"{n.ToLowerInvariant()}@example.com", null, null, "Initech"));
            return lead;
        }).ToList();
        db.AddRange(leads);
        await db.SaveChangesAsync(Ct);
        return leads;
    }

    [Fact]
    public async Task Leads_created_through_the_api_and_in_zoho_appear_live_with_the_count_and_the_selection_kept()
    {
        var seeded = await SeedAsync(SyncState.NeverSynced, "Alder", "Birch", "Cedar");
        var page = await OpenAsync("leads");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Leads_created_through_the_api_and_in_zoho_appear_live_with_the_count_and_the_selection_kept), [page], async () =>
        {
            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("3 leads");
            await Row(page, "Birch").Locator("[data-testid=lead-select] input").CheckAsync();

            using var api = app.CreateApiClient();
            using (var created = await api.PostAsJsonAsync("api/leads", new { lastName = "FromTheApi", email = "fromtheapi@example.com", company = "Api Co" }, Ct))
            {
                created.EnsureSuccessStatusCode();
            }

            await Assertions.Expect(Row(page, "FromTheApi")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("4 leads");

            var now = DateTimeOffset.UtcNow;
            await app.ZohoPutAsync(new ZohoSandbox.SandboxLead(
                app.ZohoNextId(), "Zed", "MadeInZoho", "madeinzoho@zoho.example", null, "Not Contacted", "Zoho Co", now, now));

            // The scheduled pull (1 s) brings it in; the open page shows it without a reload.
            await Assertions.Expect(Row(page, "MadeInZoho")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("5 leads");
            await Assertions.Expect(Row(page, "Birch").Locator("[data-testid=lead-select] input")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
            Assert.Equal(seeded[1].Id.ToString(), await Row(page, "Birch").Locator("[data-testid=lead-row]").GetAttributeAsync("data-lead-id"));
        });
    }

    [Fact]
    public async Task Pushing_rows_under_a_state_filter_keeps_them_on_screen_marked_until_the_user_refreshes()
    {
        await SeedAsync(SyncState.NeverSynced, KeptNames);
        var page = await OpenAsync("leads?state=NeverSynced&q=keep");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Pushing_rows_under_a_state_filter_keeps_them_on_screen_marked_until_the_user_refreshes), [page], async () =>
        {
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(2);
            await page.Locator("[data-testid=select-page] input").CheckAsync();
            await page.ClickAsync("[data-testid=push-selected]");

            // Both turn Synced and leave the "Never synced" filter, yet stay where they were, saying why.
            foreach (var name in KeptNames)
            {
                await Assertions.Expect(Row(page, name).Locator("[data-testid=sync-state]")).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
                await Assertions.Expect(Row(page, name).Locator("[data-testid=lead-kept]")).ToHaveAttributeAsync("data-place", "LeftFilter");
            }

            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("0 leads match");
            await Assertions.Expect(page.Locator("[data-testid=kept-rows]")).ToContainTextAsync("2 shown have changed");
            await Assertions.Expect(page.Locator("[data-testid=leads-empty]")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-leads-kept-rows.png") });

            await page.ClickAsync("[data-testid=show-current-view]");
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=leads-empty]")).ToContainTextAsync("No leads match “keep” in these filters");
        });
    }
}
