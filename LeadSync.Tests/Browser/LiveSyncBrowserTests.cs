using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The live console end to end: the real app on a loopback port with the built-in Zoho sandbox, a real Chromium, an
/// admin signed in. Each test builds its own leads (unique names) on the class's app instance.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LiveSyncBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly float Timeout = 30_000;
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory()
        .With("Sync:SweepInterval", "00:00:00.300")
        .With("Sync:PullInterval", "00:00:01")
        .With("Sync:RetryBaseDelay", "00:00:00.200")
        .With("Sync:RetryMaxDelay", "00:00:01")
        .With("Zoho:RetryBaseDelay", "00:00:00.050")
        .With("Zoho:MaxAttempts", "1");

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

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private async Task<IPage> OpenLeadsAsync(string? search = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        if (search is not null)
        {
            await page.Locator("[data-testid=lead-search] input, .lead-search input").First.FillAsync(search);
        }

        return page;
    }

    private static ILocator Row(IPage page, string text) => page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = text });

    private static ILocator Chip(IPage page, string text) => Row(page, text).Locator("[data-testid=sync-state]");

    private async Task<List<Lead>> SeedNeverSyncedAsync(params string[] lastNames)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var leads = lastNames.Select(n =>
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now, SyncState = SyncState.NeverSynced };
            lead.Apply(new LeadFields("Eve", n, $"{n.ToLowerInvariant()}@example.com", null, null, "Initech"));
            return lead;
        }).ToList();
        db.AddRange(leads);
        await db.SaveChangesAsync(Ct);
        return leads;
    }

    [Fact]
    public async Task A_lead_created_and_pushed_in_the_console_turns_synced_without_reload()
    {
        var page = await OpenLeadsAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_lead_created_and_pushed_in_the_console_turns_synced_without_reload), [page], async () =>
        {
            var name = Unique("Created");
            await page.ClickAsync("[data-testid=new-lead]");
            await page.Locator("input[data-testid=lead-lastname]").FillAsync(name);
            await page.Locator("input[data-testid=lead-email]").FillAsync($"{name.ToLowerInvariant()}@example.com");
            await page.ClickAsync("[data-testid=lead-save]");
            await Row(page, name).WaitForAsync();

            // The engine pushes the new lead on its own: its row may refresh live while the box is ticked.
            await Row(page, name).Locator("[data-testid=lead-select] input").CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
            await page.ClickAsync("[data-testid=push-selected]");

            await Assertions.Expect(Chip(page, name)).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
            await Assertions.Expect(Row(page, name).Locator(".lead-zoho-id")).Not.ToBeEmptyAsync();
            await Assertions.Expect(Row(page, name).Locator("[data-testid=lead-select] input")).ToBeCheckedAsync();
        });
    }

    [Fact]
    public async Task A_ticked_lead_stays_ticked_in_place_while_its_slow_push_refreshes_the_row_live()
    {
        var name = Unique("Ticked");
        await SeedNeverSyncedAsync(name);
        var control = app.Services.GetRequiredService<ZohoSandboxControl>();
        var page = await OpenLeadsAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_ticked_lead_stays_ticked_in_place_while_its_slow_push_refreshes_the_row_live), [page], async () =>
        {
            var box = Row(page, name).Locator("[data-testid=lead-select] input");
            await box.CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
            control.Faults.Apply(new SandboxFaultPatch { LatencyMs = 1500 });
            try
            {
                await page.ClickAsync("[data-testid=push-selected]");
                await Assertions.Expect(Chip(page, name)).ToHaveAttributeAsync("data-state", "Pending");
                // Mark the checkbox element the user ticked: a click in flight lands on it only if the refresh keeps it.
                await box.EvaluateAsync("el => el.dataset.tickedBefore = 'yes'");
            }
            finally
            {
                control.Faults.Apply(new SandboxFaultPatch { LatencyMs = 0 });
            }

            await Assertions.Expect(Chip(page, name)).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
            await Assertions.Expect(box).ToHaveAttributeAsync("data-ticked-before", "yes");
            await Assertions.Expect(box).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
        });
    }

    [Fact]
    public async Task A_change_made_in_zoho_reaches_an_open_leads_page_after_the_pull()
    {
        var name = Unique("Pulled");
        var lead = (await SeedNeverSyncedAsync(name))[0];
        var leads = await OpenLeadsAsync();
        var sandbox = await context.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_change_made_in_zoho_reaches_an_open_leads_page_after_the_pull), [leads, sandbox], async () =>
        {
            await Row(leads, name).Locator("[data-testid=lead-select] input").CheckAsync();
            await leads.ClickAsync("[data-testid=push-selected]");
            await Assertions.Expect(Chip(leads, name)).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
            var zohoId = await ZohoIdAsync(lead.Id);

            await sandbox.GotoAsync(new Uri(app.Start(), "sandbox").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(sandbox);
            await sandbox.ClickAsync($"[data-testid=sandbox-edit-{zohoId}]");
            var company = sandbox.Locator("input[data-testid=sandbox-field-company]");
            await company.FillAsync("Changed in Zoho " + name);
            await sandbox.ClickAsync("[data-testid=sandbox-save]");
            await Assertions.Expect(sandbox.Locator("[data-testid=sandbox-lead-dialog]")).ToHaveCountAsync(0);

            // No reload of the leads tab: the scheduled pull (Sync:PullInterval 1 s) brings the value in live.
            await Assertions.Expect(Row(leads, name)).ToContainTextAsync("Changed in Zoho " + name, new() { Timeout = Timeout });
        });
    }

    [Fact]
    public async Task Three_selected_leads_show_push_progress_then_synced()
    {
        var names = new[] { Unique("Bulk"), Unique("Bulk"), Unique("Bulk") };
        await SeedNeverSyncedAsync(names);
        var control = app.Services.GetRequiredService<ZohoSandboxControl>();
        var page = await OpenLeadsAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Three_selected_leads_show_push_progress_then_synced), [page], async () =>
        {
            control.Faults.Apply(new SandboxFaultPatch { LatencyMs = 1500 });
            try
            {
                foreach (var name in names)
                {
                    await Row(page, name).Locator("[data-testid=lead-select] input").CheckAsync();
                }

                await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToContainTextAsync("3 selected");
                await page.ClickAsync("[data-testid=push-selected]");
                await Assertions.Expect(page.Locator("[data-testid=selection-progress]")).ToBeVisibleAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "leads-bulk-push-running.png") });
            }
            finally
            {
                control.Faults.Apply(new SandboxFaultPatch { LatencyMs = 0 });
            }

            foreach (var name in names)
            {
                await Assertions.Expect(Chip(page, name)).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
            }

            await Assertions.Expect(page.Locator("[data-testid=bulk-summary]")).ToContainTextAsync("Push of 3 leads: 3 synced.");
            await Assertions.Expect(page.Locator("[data-testid=bulk-summary-run]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/runs/[0-9a-f-]{36}$"));
        });
    }

    [Fact]
    public async Task A_429_storm_shows_rate_limited_and_recovers_when_it_ends()
    {
        var name = Unique("Storm");
        await SeedNeverSyncedAsync(name);
        var control = app.Services.GetRequiredService<ZohoSandboxControl>();
        var page = await OpenLeadsAsync();
        var indicator = page.Locator("[data-testid=engine-indicator]");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_429_storm_shows_rate_limited_and_recovers_when_it_ends), [page], async () =>
        {
            control.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
            try
            {
                await Row(page, name).Locator("[data-testid=lead-select] input").CheckAsync();
                await page.ClickAsync("[data-testid=push-selected]");
                await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "RateLimited", new() { Timeout = Timeout });
                await Assertions.Expect(indicator).ToContainTextAsync("Rate-limited");
            }
            finally
            {
                control.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 0 });
            }

            await Assertions.Expect(Chip(page, name)).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = Timeout });
            await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(Idle|Pulling)$"), new() { Timeout = Timeout });
        });
    }

    [Fact]
    public async Task Acceptance_screenshots_of_the_leads_page_in_light_and_dark()
    {
        await SeedNeverSyncedAsync(Unique("Shot"), Unique("Shot"));
        var light = await OpenLeadsAsync();
        await light.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "leads-light.png") });
        await Assertions.Expect(light.Locator("[data-testid=engine-indicator]")).ToBeVisibleAsync();

        await using var dark = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1440, Height = 900 }, ColorScheme = ColorScheme.Dark, StorageState = await context.StorageStateAsync(),
        });
        var page = await dark.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        await page.WaitForTimeoutAsync(300); // the theme follows the system preference after the first render
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "leads-dark.png") });
        var background = await page.EvaluateAsync<int[]>(
            "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)");
        Assert.True(background.Sum() < 200, $"The dark page's background should be dark, was rgb({string.Join(",", background)}).");
    }

    private async Task<string> ZohoIdAsync(Guid leadId)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        return await db.Leads.Where(l => l.Id == leadId).Select(l => l.ZohoId!).SingleAsync(Ct);
    }
}
