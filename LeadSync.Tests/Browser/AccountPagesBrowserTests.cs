using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Layout;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Sign-in and first-run setup in a real Chromium (issue 15 point 11): the page first asked for survives setup → sign-in,
/// the new admin's email is filled in under a confirmation, broken password rules come back in plain words, a failed
/// sign-in says nothing about which part was wrong, the console's light/dark choice (or the OS's) applies, and the card
/// fits a 390 px phone. Saves light, dark and narrow shots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccountPagesBrowserTests(BrowserFixture browser)
{
    private const string NewAdmin = "first.admin@leadsync.test";

    private const string Passphrase = "violet tractor harbour";

    [Fact]
    public async Task Setup_confirms_prefills_the_email_and_signing_in_lands_on_the_page_first_asked_for()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        await using var context = await NewContextAsync(ColorScheme.Light, 1280, 900);
        var page = await context.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Setup_confirms_prefills_the_email_and_signing_in_lands_on_the_page_first_asked_for), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "settings/api-keys").ToString());
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/setup");
            Assert.Contains("returnUrl=%2Fsettings%2Fapi-keys", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#email")).ToBeFocusedAsync();
            await Assertions.Expect(page.GetByTestId("password-rules")).ToContainTextAsync("At least 12 characters");
            await ShotAsync(page, "setup-light");

            // Enter in the last field submits; each broken rule is its own plain sentence; the email stays, passwords do not.
            await page.GetByLabel("Email").FillAsync(NewAdmin);
            await page.Locator("#password").FillAsync("Password1");
            await page.Locator("#confirm").FillAsync("Password1");
            await page.Locator("#confirm").PressAsync("Enter");
            var errors = page.Locator(".account-field-error");
            await Assertions.Expect(errors).ToHaveTextAsync(["Password: needs at least 12 characters", "Password: is too common; choose a longer passphrase of a few words"]);
            await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(NewAdmin);
            await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync(string.Empty);
            await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync(); // the first field with a message
            Assert.Contains("returnUrl=%2Fsettings%2Fapi-keys", page.Url, StringComparison.Ordinal);
            await ShotAsync(page, "setup-password-errors");

            await page.Locator("#password").FillAsync(Passphrase);
            await page.Locator("#confirm").FillAsync(Passphrase);
            await page.Locator("#confirm").PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
            Assert.Contains("returnUrl=%2Fsettings%2Fapi-keys", page.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("leadsync.test", page.Url, StringComparison.OrdinalIgnoreCase); // the email is not in the address
            await Assertions.Expect(page.GetByTestId("signin-message")).ToContainTextAsync("Admin account created");
            await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(NewAdmin);
            await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync();
            await ShotAsync(page, "signin-after-setup");

            await page.Keyboard.TypeAsync(Passphrase);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/settings/api-keys");
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        });
    }

    [Fact]
    public async Task A_failed_sign_in_says_email_or_password_is_incorrect_and_keeps_the_email()
    {
        await using var app = new LeadSyncAppFactory();
        await using var context = await NewContextAsync(ColorScheme.Light, 1280, 900);
        var page = await context.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_failed_sign_in_says_email_or_password_is_incorrect_and_keeps_the_email), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
            await Assertions.Expect(page.Locator("#email")).ToBeFocusedAsync();
            await ShotAsync(page, "signin-light");

            foreach (var email in new[] { LeadSyncAppFactory.AdminEmail, "nobody@leadsync.test" })
            {
                await page.GetByLabel("Email").FillAsync(email);
                await page.GetByLabel("Password").FillAsync("not the password at all");
                await page.GetByLabel("Password").PressAsync("Enter");
                await Assertions.Expect(page.GetByTestId("signin-message")).ToHaveTextAsync("Email or password is incorrect.");
                await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(email);
                await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync(string.Empty);
                await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync();
            }

            await ShotAsync(page, "signin-failed");
        });
    }

    [Fact]
    public async Task Dark_and_narrow_account_pages_use_the_console_theme_and_fit_a_phone()
    {
        await using var setupApp = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        await using var app = new LeadSyncAppFactory();
        await using var dark = await NewContextAsync(ColorScheme.Dark, 1280, 900);
        await using var phone = await NewContextAsync(ColorScheme.Light, 390, 844);
        var darkPage = await dark.NewPageAsync();
        var phonePage = await phone.NewPageAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Dark_and_narrow_account_pages_use_the_console_theme_and_fit_a_phone), [darkPage, phonePage], async () =>
        {
            foreach (var (factory, path, name) in new[] { (app, "account/signin", "signin"), (setupApp, "setup", "setup") })
            {
                await darkPage.GotoAsync(new Uri(factory.Start(), path).ToString());
                Assert.Equal("rgb(20, 23, 28)", await ColorAsync(darkPage, "body", "backgroundColor")); // LeadSyncTheme's dark background
                Assert.Equal("rgb(30, 35, 43)", await ColorAsync(darkPage, "[data-testid=account-card]", "backgroundColor"));
                await ShotAsync(darkPage, $"{name}-dark");

                await phonePage.GotoAsync(new Uri(factory.Start(), path).ToString());
                Assert.Equal("rgb(245, 247, 250)", await ColorAsync(phonePage, "body", "backgroundColor")); // the light one
                await phonePage.Locator("button[type=submit]").ClickAsync(); // empty form: the error messages take room too
                await Assertions.Expect(phonePage.Locator(".account-field-error").First).ToBeVisibleAsync();
                await AssertNoHorizontalOverflowAsync(phonePage, name);
                await ShotAsync(phonePage, $"{name}-narrow");
            }
        });
    }

    [Fact]
    public async Task The_console_s_saved_light_or_dark_choice_wins_over_the_OS_on_the_sign_in_page()
    {
        await using var app = new LeadSyncAppFactory();
        foreach (var (choice, os, background) in new[] { ("dark", ColorScheme.Light, "rgb(20, 23, 28)"), ("light", ColorScheme.Dark, "rgb(245, 247, 250)") })
        {
            await using var context = await NewContextAsync(os, 1280, 900);
            await context.AddCookiesAsync([new() { Name = ThemeCookie.Name, Value = choice, Url = app.Start().ToString() }]);
            var page = await context.NewPageAsync();
            await BrowserArtifacts.CaptureOnFailureAsync($"{nameof(The_console_s_saved_light_or_dark_choice_wins_over_the_OS_on_the_sign_in_page)}-{choice}", [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
                Assert.Equal(background, await ColorAsync(page, "body", "backgroundColor"));
            });
        }
    }

    private async Task<IBrowserContext> NewContextAsync(ColorScheme scheme, int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    private static Task<string> ColorAsync(IPage page, string selector, string property) =>
        page.Locator(selector).First.EvaluateAsync<string>($"e => getComputedStyle(e).{property}");

    private static async Task AssertNoHorizontalOverflowAsync(IPage page, string what)
    {
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{what}: the page is {scrollWidth} px wide in a {innerWidth} px window");
        var card = await page.GetByTestId("account-card").BoundingBoxAsync();
        Assert.NotNull(card);
        Assert.True(card.X >= 0 && card.X + card.Width <= innerWidth, $"{what}: the card spans {card.X}..{card.X + card.Width} px of {innerWidth}");
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, $"issue15-account-{name}.png"), FullPage = true });
}
