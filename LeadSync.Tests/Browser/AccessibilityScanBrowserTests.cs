using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Every console page, in the light and the dark palette (the operating system's, emulated), through axe-core: no
/// serious or critical violation, and no request answered 404 (the favicon included). Each page is saved wide and
/// phone-sized (390x844) into artifacts/screenshots for a person to look at.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityScanBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_console_page_passes_axe_core_and_loads_without_a_404(string scheme)
    {
        await using var app = new LeadSyncAppFactory();
        var runId = await SeedAsync(app);
        await using var context = await NewContextAsync(scheme);
        var page = await context.NewPageAsync();
        var findings = WatchNotFound(page);
        await BrowserArtifacts.CaptureOnFailureAsync($"axe-{scheme}", [page], async () =>
        {
            await app.SignInAsync(page);
            string[] paths = ["/", "/leads", "/runs", $"/runs/{runId}", "/conflicts", "/failures", "/sandbox", "/settings", "/settings/api-keys", "/settings/admins"];
            foreach (var path in paths)
            {
                await page.GotoAsync(new Uri(app.Start(), path.TrimStart('/')).ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await CheckAsync(page, findings, scheme, path.StartsWith("/runs/", StringComparison.Ordinal) ? "/run" : path);
            }

            await page.GotoAsync(new Uri(app.Start(), "failures").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=failure-group] .mud-expand-panel-header").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=failed-lead-link]")).ToBeVisibleAsync();
            await CheckAsync(page, findings, scheme, "/failures with a group open");

            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = "Scan" }).Locator("[data-testid=lead-edit]").ClickAsync();
            await Assertions.Expect(page.Locator("input[data-testid=lead-lastname]")).ToHaveValueAsync("Scan");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await CheckAsync(page, findings, scheme, "/leads with the lead dialog open");
            Assert.True(findings.IsEmpty, string.Join("\n", findings));
        });
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_sign_in_and_setup_pages_pass_axe_core_and_load_without_a_404(string scheme)
    {
        await using (var app = new LeadSyncAppFactory().WithQuietEngine())
        {
            await using var context = await NewContextAsync(scheme);
            var page = await context.NewPageAsync();
            var findings = WatchNotFound(page);
            await BrowserArtifacts.CaptureOnFailureAsync($"axe-signin-{scheme}", [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
                await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
                await CheckAsync(page, findings, scheme, "/account/signin");
                Assert.True(findings.IsEmpty, string.Join("\n", findings));
            });
        }

        await using (var fresh = new LeadSyncAppFactory().WithQuietEngine().With("Admin:Email", null).With("Admin:Password", null))
        {
            await using var context = await NewContextAsync(scheme);
            var page = await context.NewPageAsync();
            var findings = WatchNotFound(page);
            await BrowserArtifacts.CaptureOnFailureAsync($"axe-setup-{scheme}", [page], async () =>
            {
                await page.GotoAsync(new Uri(fresh.Start(), "account/signin").ToString());
                await page.WaitForURLAsync(url => url.EndsWith("/setup", StringComparison.Ordinal));
                await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
                await CheckAsync(page, findings, scheme, "/setup");
                Assert.True(findings.IsEmpty, string.Join("\n", findings));
            });
        }
    }

    private async Task<IBrowserContext> NewContextAsync(string scheme)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1440, Height = 900 },
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>axe-core on the page and no 404 so far (findings are collected: every page is scanned), the page saved wide and at 390x844.</summary>
    private static async Task CheckAsync(IPage page, ConcurrentQueue<string> findings, string scheme, string where)
    {
        if (await AxeScan.SeriousViolationsAsync(page, $"{where} ({scheme})") is { } violations)
        {
            findings.Enqueue(violations);
        }

        var name = where.Trim('/').Replace('/', '-').Replace(' ', '-');
        name = name.Length == 0 ? "dashboard" : name;
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"a11y-{name}-{scheme}.png") });
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(150); // MudBlazor's breakpoint listener re-lays the page out
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"a11y-{name}-{scheme}-390.png") });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>Collects the findings of a page: each response answered 404 and (from <see cref="CheckAsync"/>) each axe-core report.</summary>
    private static ConcurrentQueue<string> WatchNotFound(IPage page)
    {
        var missing = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Status == 404)
            {
                missing.Enqueue($"404 for {response.Url}");
            }
        };
        return missing;
    }

    /// <summary>A synced lead, a finished pull and a lead in error, so the pages have rows to scan.</summary>
    private static async Task<Guid> SeedAsync(LeadSyncAppFactory app)
    {
        using var api = app.CreateApiClient();
        using (var created = await api.PostAsJsonAsync("api/leads", new { lastName = "Scan", firstName = "Axe", email = "axe@example.com", company = "Deque Ltd" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var pull = await api.PostAsync(new Uri("api/sync/pull", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, pull.StatusCode);
        var runId = (await pull.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
        await app.WaitForRunAsync(runId);

        // A lead Zoho refuses ('#' in a phone, written around LeadCommands), so the Failures page has a group to scan.
        var refused = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        refused.Apply(new LeadFields("Ada", "Refused", "refused@example.com", "555 #12", "Not Contacted", "Engines"));
        await app.QueryAsync(async db =>
        {
            db.Leads.Add(refused);
            return await db.SaveChangesAsync(Ct);
        });
        await app.Sync.PushAsync([refused.Id], cancellationToken: Ct);
        await Eventually.ReadAsync(() => app.LeadAsync(refused.Id), l => l?.SyncState == SyncState.Error, "the sandbox refused the phone");
        return runId;
    }
}
