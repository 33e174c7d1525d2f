using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Issue 15 points 8 and 10 in a real Chromium: a bulk push's summary accounts for every selected lead however the
/// engine split the work; background runs take one line above the grid; snackbars keep off the New lead button and
/// the pager; the rate-limited chip counts down and clears; a held lead's Push says why and links to its conflict; the
/// selection toolbar leads with Push and ends with a quiet Delete. Saves light, dark and narrow screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class BulkReportBrowserTests(BrowserFixture browser)
{
    private const float Timeout = 30_000;

    /// <summary>What a snackbar must never cover: the New lead button, the lead count (top right) and the pager (bottom right).</summary>
    private static readonly string[] PageControls = ["new-lead", "leads-pager", "lead-total"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_all_matching_split_with_another_run_reports_every_selected_lead()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var ids = await app.ImportAsync(60, "Tally"); // more than a page of 50: "select all matching" is offered
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        // A change on every lead that queued nothing (as one made straight in the database): only a push sends it.
        await app.QueryAsync(db => db.Leads.Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
        var elsewhere = ids.Take(20).ToList();
        await BulkPushProgressTests.ClaimElsewhereAsync(app, elsewhere, DateTimeOffset.UtcNow.AddHours(1));
        await using var context = await SignedInAsync(app, 1280, 800, ColorScheme.Light);
        var page = await OpenLeadsAsync(app, context, "Tally");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Push_all_matching_split_with_another_run_reports_every_selected_lead), [page], async () =>
        {
            await page.Locator("[data-testid=select-page] input").CheckAsync();
            await page.ClickAsync("[data-testid=select-all-matching]");
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToContainTextAsync("All 60 matching selected");

            // Another instance holds 20 of them: the push's own run sends 40, and the toolbar says the 20 still wait.
            await page.ClickAsync("[data-testid=push-selected]");
            var summary = page.Locator("[data-testid=bulk-summary]");
            await Assertions.Expect(summary).ToHaveTextAsync(
                "Push of 60 leads: 40 synced, 20 still queued (they go out with the next drain). View run", new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new() { Path = Shot("issue15-8-push-still-queued.png") });

            // Pushed again; once its own run is done, the other claim ends and the sweep — another run — sends the 20.
            await page.ClickAsync("[data-testid=push-selected]");
            await Assertions.Expect(page.Locator("[data-testid=selection-progress-text]")).ToHaveTextAsync("Pushing 60 leads: 40 synced, 20 queued…");
            await BulkPushProgressTests.ClaimElsewhereAsync(app, elsewhere, DateTimeOffset.UtcNow.AddSeconds(-1));
            await Assertions.Expect(summary.Last).ToContainTextAsync("Push of 60 leads: 60 synced.");
            await Assertions.Expect(summary.Last.Locator("[data-testid=bulk-summary-other-run]")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = Shot("issue15-8-push-split-done.png") });
        });
    }

    [Fact]
    public async Task Background_runs_share_one_line_above_the_grid_and_a_persons_run_keeps_its_bar()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var ids = await app.ImportAsync(5, "Echo");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        var zohoIds = await app.QueryAsync(db => db.Leads.Where(l => ids.Contains(l.Id)).Select(l => l.ZohoId!).ToListAsync(Token));
        await using var context = await SignedInAsync(app, 1280, 800, ColorScheme.Light);
        var page = await OpenLeadsAsync(app, context);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Background_runs_share_one_line_above_the_grid_and_a_persons_run_keeps_its_bar), [page], async () =>
        {
            var gridTop = (await page.Locator("[data-testid=leads-grid]").BoundingBoxAsync())!.Y;
            app.Faults(new SandboxFaultPatch { LatencyMs = 4000 });
            try
            {
                for (var i = 0; i < 7; i++)
                {
                    await app.Sync.PullLeadsAsync(zohoIds, SyncTrigger.Webhook, Token); // as notifications of a bulk push's writes would
                }

                await app.Sync.PullLeadsAsync(zohoIds, SyncTrigger.Manual, Token);
                await Assertions.Expect(page.Locator("[data-testid=running-background]")).ToHaveAttributeAsync("data-count", "7");
                await Assertions.Expect(page.Locator("[data-testid=running-background-text]")).ToHaveTextAsync("7 background runs: Pulling selected leads ×7");
                await Assertions.Expect(page.Locator("[data-testid=running-run]")).ToHaveCountAsync(1);
                var panel = (await page.Locator("[data-testid=running-runs]").BoundingBoxAsync())!;
                var grid = (await page.Locator("[data-testid=leads-grid]").BoundingBoxAsync())!;
                Assert.True(panel.Height < 90, $"The runs panel is {panel.Height}px high.");
                Assert.True(grid.Y - gridTop < 110, $"The grid moved down {grid.Y - gridTop}px.");
                await page.ScreenshotAsync(new() { Path = Shot("issue15-10-background-runs.png") });
            }
            finally
            {
                app.Faults(new SandboxFaultPatch { LatencyMs = 0 });
            }
        });
    }

    [Theory]
    [InlineData(1280, 800, "light")]
    [InlineData(1280, 800, "dark")]
    [InlineData(390, 844, "light")]
    public async Task The_toolbar_leads_with_push_and_ends_with_delete_and_snackbars_keep_off_the_page_controls(int width, int height, string scheme)
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.ImportAsync(3, "Order");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        await using var context = await SignedInAsync(app, width, height, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var page = await OpenLeadsAsync(app, context, "Order");
        var name = $"{width}-{scheme}";
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_toolbar_leads_with_push_and_ends_with_delete_and_snackbars_keep_off_the_page_controls) + name, [page], async () =>
        {
            await page.Locator("[data-testid=lead-select] input").First.CheckAsync();
            var push = page.Locator("[data-testid=push-selected]");
            var delete = page.Locator("[data-testid=delete-selected]");
            await Assertions.Expect(push).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
            await Assertions.Expect(delete).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-text-error"));
            var order = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('[data-testid=selection-sync-actions] button, [data-testid=selection-lead-actions] button')].map(b => b.dataset.testid)");
            Assert.Equal("push-selected", order[0]);
            Assert.Equal("delete-selected", order[^1]);
            await page.Locator("[data-testid=selection-toolbar]").ScreenshotAsync(new() { Path = Shot($"issue15-10-selection-toolbar-{name}.png") });

            await push.ClickAsync();
            var snackbar = page.Locator(".mud-snackbar", new() { Has = page.Locator("[data-testid=bulk-summary]") });
            await Assertions.Expect(snackbar).ToContainTextAsync("Push of 1 lead: 1 synced.");
            await page.WaitForTimeoutAsync(400); // the snackbar's slide-in transition
            var box = (await snackbar.BoundingBoxAsync())!;
            foreach (var control in PageControls)
            {
                var other = (await page.Locator($"[data-testid={control}]").BoundingBoxAsync())!;
                Assert.False(Overlaps(box, other), $"The snackbar ({Describe(box)}) covers {control} ({Describe(other)}) at {width}px.");
            }

            await page.ScreenshotAsync(new() { Path = Shot($"issue15-10-snackbar-{name}.png") });
        });
    }

    [Fact]
    public async Task The_rate_limited_chip_counts_down_to_the_retry_and_clears_when_zoho_answers()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Zoho:MaxAttempts", "4")
            .With("Zoho:RetryBaseDelay", "00:00:08")
            .With("Zoho:RetryMaxDelay", "00:00:08"));
        await using var context = await SignedInAsync(app, 1280, 800, ColorScheme.Light);
        var page = await OpenLeadsAsync(app, context);
        var indicator = page.Locator("[data-testid=engine-indicator]");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_rate_limited_chip_counts_down_to_the_retry_and_clears_when_zoho_answers), [page], async () =>
        {
            app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
            Lead lead;
            try
            {
                lead = await app.CreateAsync("countdown@example.com", "Countdown");
                await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "RateLimited", new() { Timeout = Timeout });
                await Assertions.Expect(indicator).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Rate-limited · retry in \d+ s$"));
                await page.ScreenshotAsync(new() { Path = Shot("issue15-10-rate-limited-countdown.png") });
            }
            finally
            {
                app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 0 });
            }

            await app.WaitSyncedAsync(lead.Id);
            await Assertions.Expect(indicator).Not.ToHaveAttributeAsync("data-state", "RateLimited");
        });
    }

    [Fact]
    public async Task A_held_leads_push_says_to_resolve_the_conflict_first_and_links_to_it()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:ConflictPolicy", "Manual")
            .With("Sync:RetryBaseDelay", "00:01:00")
            .With("Sync:RetryMaxDelay", "00:01:00")
            .With("Zoho:MaxAttempts", "1"));
        var leadId = await ConflictAsync(app, "held.push@example.com");
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await SignedInAsync(app, 1280, 900, scheme);
            var page = await context.NewPageAsync();
            await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_held_leads_push_says_to_resolve_the_conflict_first_and_links_to_it), [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), LeadLinks.Edit(leadId).TrimStart('/')).ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator("[data-testid=lead-push-now]")).ToBeDisabledAsync();
                await Assertions.Expect(page.Locator("[data-testid=lead-push-held]")).ToHaveTextAsync("Resolve the conflict first");
                await page.Locator("[data-testid=lead-sync-panel]").ScreenshotAsync(new() { Path = Shot($"issue15-10-held-push-{scheme.ToString().ToLowerInvariant()}.png") });

                await page.ClickAsync("[data-testid=lead-resolve-conflict]");
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/conflicts\\?lead={leadId}$"));
                await Assertions.Expect(page.Locator("[data-testid=conflicts-one-lead]")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("[data-testid=conflict-lead]")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator($"[data-testid=conflict-lead][data-lead-id='{leadId}']")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            });
        }
    }

    /// <summary>A lead held in Conflict (Manual policy): a local Phone edit kept back by a 429, then Zoho's own Phone edit pulled.</summary>
    private static async Task<Guid> ConflictAsync(LeadSyncAppFactory app, string email)
    {
        var lead = await app.CreateAsync(email, phone: "555-0000");
        await app.WaitSyncedAsync(lead.Id);
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
        await app.Commands.UpdateAsync(lead.Id, (await app.LeadAsync(lead.Id))!.Fields with { Phone = "555-1111" }, null, cancellationToken: Token);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the local edit is held in the outbox after a 429");
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 0 });
        await app.ZohoEditAsync(email, z => z.Phone = "555-2222");
        await app.PullAsync();
        Assert.Equal(SyncState.Conflict, (await app.LeadAsync(lead.Id))!.SyncState);
        return lead.Id;
    }

    private async Task<IBrowserContext> SignedInAsync(LeadSyncAppFactory app, int width, int height, ColorScheme scheme)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.CloseAsync();
        return context;
    }

    private static async Task<IPage> OpenLeadsAsync(LeadSyncAppFactory app, IBrowserContext context, string? search = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        if (search is not null)
        {
            await page.Locator("input[data-testid=lead-search]").FillAsync(search);
            await Assertions.Expect(page.Locator("[data-testid=leads-grid] tbody tr").First).ToContainTextAsync(search);
            await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        }

        return page;
    }

    private static bool Overlaps(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static string Describe(LocatorBoundingBoxResult box) => $"{box.X:0},{box.Y:0} {box.Width:0}×{box.Height:0}";

    private static string Shot(string file) => Path.Combine(BrowserArtifacts.AcceptanceDirectory, file);
}
