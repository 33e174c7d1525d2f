using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Issue 15.13/15.14 in a real Chromium: the skip link is the first Tab stop and moves the focus to the page; the bulk
/// toolbar's buttons are reached by Tab and show a focus ring; sort buttons are named by their column; the light/dark
/// choice survives a reload and an OS-dark visitor gets the dark palette from the first paint (before the circuit);
/// the favicon is served; at 390 px the app bar keeps one line.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class KeyboardAndThemeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>The body's background and whether the circuit was up, at DOMContentLoaded of every document.</summary>
    private const string FirstPaintProbe = """
        document.addEventListener('DOMContentLoaded', () => {
            window.__firstPaint = {
                background: getComputedStyle(document.body).backgroundColor,
                interactive: !!document.getElementById('leadsync-interactive'),
            };
        });
        """;

    private const string LightBackground = "rgb(245, 247, 250)"; // LeadSyncTheme.PaletteLight.Background
    private const string DarkBackground = "rgb(20, 23, 28)"; // LeadSyncTheme.PaletteDark.Background
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IBrowserContext> SignedInContextAsync(ColorScheme scheme, int width = 1440, int height = 900)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(FirstPaintProbe);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.CloseAsync();
        return context;
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), path).ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task<(string Background, bool Interactive)> FirstPaintAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__firstPaint !== undefined");
        return (await page.EvaluateAsync<string>("() => window.__firstPaint.background"), await page.EvaluateAsync<bool>("() => window.__firstPaint.interactive"));
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    [Fact]
    public async Task An_OS_dark_visitor_gets_the_dark_palette_from_the_first_paint_and_a_chosen_theme_survives_a_reload()
    {
        await using var context = await SignedInContextAsync(ColorScheme.Dark);
        var page = await OpenAsync(context, "runs");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(An_OS_dark_visitor_gets_the_dark_palette_from_the_first_paint_and_a_chosen_theme_survives_a_reload), [page], async () =>
        {
            // No choice yet: the operating system's dark, already at DOMContentLoaded (the circuit is not up then).
            Assert.Equal((DarkBackground, false), await FirstPaintAsync(page));
            Assert.Equal(DarkBackground, await BackgroundAsync(page));
            await Assertions.Expect(page.Locator("[data-testid=theme-menu]")).ToHaveAttributeAsync("data-choice", "system");

            // Light chosen under an OS-dark screen: remembered, and the first paint after a reload is light.
            await ChooseAsync(page, "light");
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
            await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("color-scheme", "light"); // native controls (date icons) too
            await page.ReloadAsync();
            Assert.Equal((LightBackground, false), await FirstPaintAsync(page));
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=theme-menu]")).ToHaveAttributeAsync("data-choice", "light");
            Assert.Equal(LightBackground, await BackgroundAsync(page));

            // Dark chosen on an OS-light screen: remembered too, on a new page of the same browser.
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await ChooseAsync(page, "dark");
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
            await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("color-scheme", "dark");
            var next = await context.NewPageAsync();
            await next.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await next.GotoAsync(new Uri(app.Start(), "leads").ToString());
            Assert.Equal((DarkBackground, false), await FirstPaintAsync(next));

            // Back to the system's choice: it follows the OS, live.
            await ChooseAsync(page, "system");
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
            await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("color-scheme", "light dark");
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        });
    }

    private static async Task ChooseAsync(IPage page, string choice)
    {
        await page.Locator("[data-testid=theme-menu] button").First.ClickAsync();
        await page.Locator($"[data-testid=theme-{choice}]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=theme-menu]")).ToHaveAttributeAsync("data-choice", choice);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_page()
    {
        await using var context = await SignedInContextAsync(ColorScheme.Light);
        var page = await OpenAsync(context, "leads");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_page), [page], async () =>
        {
            var skip = page.Locator("[data-testid=skip-link]");
            await Assertions.Expect(skip).Not.ToBeInViewportAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(skip).ToBeFocusedAsync();
            await Assertions.Expect(skip).ToHaveAccessibleNameAsync("Skip to content");
            await Assertions.Expect(skip).ToBeInViewportAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "a11y-skip-link.png") });

            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
            Assert.EndsWith("/leads", page.Url, StringComparison.Ordinal);

            // The next Tab stop is in the page, not back in the app bar or the navigation.
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)"),
                "after the skip link, Tab moves within the main content");
        });
    }

    [Fact]
    public async Task The_bulk_toolbar_buttons_are_reached_by_Tab_and_show_a_focus_ring()
    {
        var lead = await app.CreateAsync("ring@example.com", "Ring");
        await using var context = await SignedInContextAsync(ColorScheme.Light);
        var page = await OpenAsync(context, "leads");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_bulk_toolbar_buttons_are_reached_by_Tab_and_show_a_focus_ring), [page], async () =>
        {
            var checkbox = page.Locator($"[data-testid=lead-select][data-lead-id='{lead.Id}'] input");
            await Assertions.Expect(checkbox).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Select .*Ring$"));
            await checkbox.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 selected");
            await AxeScan.AssertNoSeriousViolationsAsync(page, "/leads with the bulk toolbar");

            // From the skip link, Tab reaches every toolbar button (the toolbar sits above the grid).
            await page.Locator("[data-testid=skip-link]").FocusAsync();
            string[] buttons = ["clear-selection", "push-selected", "pull-selected", "retry-selected", "resolve-selected", "delete-selected"];
            var reached = new List<string>();
            for (var i = 0; i < 40 && !buttons.All(reached.Contains); i++)
            {
                await page.Keyboard.PressAsync("Tab");
                reached.Add(await page.EvaluateAsync<string>("() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''"));
            }

            Assert.All(buttons, b => Assert.Contains(b, reached));

            foreach (var button in buttons)
            {
                await page.Locator("[data-testid=skip-link]").FocusAsync();
                while (await page.EvaluateAsync<string>("() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''") != button)
                {
                    await page.Keyboard.PressAsync("Tab");
                }

                var ring = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }");
                Assert.True(ring[0] != "none" && ring[1] != "0px", $"{button} shows no focus ring when focused by keyboard (outline {ring[0]} {ring[1]})");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "a11y-toolbar-focus.png") });

            // Past the toolbar, the grid's first checkbox ("Select this page"): its ring is on the box around the input.
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.Locator("[data-testid=select-page] input")).ToBeFocusedAsync();
            Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement.closest('.mud-button-root')).outlineStyle"));
        });
    }

    [Fact]
    public async Task Sort_buttons_are_named_by_their_column()
    {
        await app.CreateAsync("sort@example.com", "Sorter");
        await using var context = await SignedInContextAsync(ColorScheme.Light);
        var page = await OpenAsync(context, "leads");
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Sort_buttons_are_named_by_their_column), [page], async () =>
        {
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(1);
            var sortButtons = page.Locator("[data-testid=leads-grid] th .sort-direction-icon");
            await Assertions.Expect(sortButtons).ToHaveCountAsync(9);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true })).ToHaveCountAsync(0);
            string[] columns = ["Name", "Email", "Phone", "Company", "Status", "Sync state", "Zoho id", "Last synced", "Updated"];
            foreach (var column in columns)
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Sort by {column}", Exact = true })).ToHaveCountAsync(1);
            }

            // Still named after a sort re-renders the header.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sort by Email", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("th[aria-sort]", new() { HasText = "Email" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sort by Email", Exact = true })).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true })).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_favicon_is_served_as_an_icon_and_as_SVG()
    {
        using var client = app.CreateAnonymousClient();
        using var ico = await client.GetAsync(new Uri("favicon.ico", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(ico.IsSuccessStatusCode, $"/favicon.ico answered {(int)ico.StatusCode}");
        var bytes = await ico.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // an ICO header

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
        var svg = await page.Locator("link[rel=icon][type='image/svg+xml']").GetAttributeAsync("href");
        using var response = await client.GetAsync(new Uri(svg!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{svg} answered {(int)response.StatusCode}");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task At_390_px_the_app_bar_keeps_one_line(string scheme)
    {
        await using var context = await SignedInContextAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, 390, 844);
        var page = await OpenAsync(context, "");
        await BrowserArtifacts.CaptureOnFailureAsync($"{nameof(At_390_px_the_app_bar_keeps_one_line)}-{scheme}", [page], async () =>
        {
            var bar = page.Locator("header.mud-appbar .mud-toolbar");
            var box = (await bar.BoundingBoxAsync())!;
            Assert.True(box.Height <= 64, $"the app bar is {box.Height} px high (one line is 56-64 px)");
            Assert.True(await bar.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the app bar's content overflows it");

            string[] items = ["[data-testid=nav-toggle]", ".leadsync-appbar-title", "[data-testid=engine-indicator]", "[data-testid=theme-menu] button", "[data-testid=signout-icon]"];
            foreach (var item in items)
            {
                var element = page.Locator(item).First;
                await Assertions.Expect(element).ToBeVisibleAsync();
                var b = (await element.BoundingBoxAsync())!;
                Assert.True(b.X >= 0 && b.X + b.Width <= 390, $"{item} sits outside the 390 px window (x {b.X}, width {b.Width})");
                Assert.True(b.Y >= box.Y && b.Y + b.Height <= box.Y + box.Height, $"{item} is not on the app bar's line");
            }

            await Assertions.Expect(page.Locator("[data-testid=signout]")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("[data-testid=signout-icon]")).ToHaveAccessibleNameAsync("Sign out");
            await Assertions.Expect(page.Locator("[data-testid=engine-indicator] .engine-indicator-label")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("[data-testid=engine-indicator]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Sync engine"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"a11y-appbar-390-{scheme}.png") });

            // The icon signs out.
            await page.Locator("[data-testid=signout-icon]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.OrdinalIgnoreCase));
        });
    }
}
