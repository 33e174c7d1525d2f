using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>The navigation drawer collapsed to its icon rail, as a newcomer meets it: each icon is named on hover and on keyboard focus.</summary>
[Collection(BrowserGroup.Name)]
public sealed class NavigationRailBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();
    private IBrowserContext context = default!;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, ColorScheme = ColorScheme.Light });
        context.SetDefaultTimeout(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await app.DisposeAsync();
    }

    private static ILocator Tooltip(IPage page, string text) =>
        page.Locator(".mud-tooltip", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(text)}$") });

    [Fact]
    public async Task Tabbing_to_a_rail_icon_shows_its_label_and_the_current_page_is_marked()
    {
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.GotoAsync(new Uri(app.Start(), "runs").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Tabbing_to_a_rail_icon_shows_its_label_and_the_current_page_is_marked), [page], async () =>
        {
            var failures = page.Locator("[data-testid=nav-failures]");
            await Assertions.Expect(failures).ToHaveAccessibleNameAsync("Failures");
            await Assertions.Expect(Tooltip(page, "Failures")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=nav-runs]")).ToHaveAttributeAsync("aria-current", "page");

            await page.Locator("[data-testid=nav-conflicts]").FocusAsync();
            await page.Keyboard.PressAsync("Tab");

            await Assertions.Expect(failures).ToBeFocusedAsync();
            await Assertions.Expect(Tooltip(page, "Failures")).ToBeVisibleAsync();
            var link = await failures.BoundingBoxAsync();
            var tip = await Tooltip(page, "Failures").BoundingBoxAsync();
            Assert.True(tip!.X >= link!.X + link.Width - 4, $"The tooltip should sit right of the rail (tooltip x {tip.X}, rail right edge {link.X + link.Width}).");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-rail-tooltip.png") });

            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(Tooltip(page, "Failures")).ToHaveCountAsync(0);
            await Assertions.Expect(Tooltip(page, "Zoho CRM (sandbox)")).ToBeVisibleAsync();

            await page.Locator("[data-testid=nav-leads]").HoverAsync();
            await Assertions.Expect(Tooltip(page, "Leads")).ToBeVisibleAsync();

            // Opened, the drawer shows its labels: no tooltip repeats them.
            await page.ClickAsync("[data-testid=nav-toggle]");
            await Assertions.Expect(page.Locator("[data-testid=nav-toggle]")).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(page.Locator("[data-testid=nav-settings-title]")).ToBeVisibleAsync();
            await page.Locator("[data-testid=nav-failures]").FocusAsync();
            await page.WaitForTimeoutAsync(300);
            await Assertions.Expect(Tooltip(page, "Failures")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-drawer-open.png") });
        });
    }
}
