using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Errors a person can act on (issue 15.6), end to end in Chromium: the sandbox refuses a lead's phone as Zoho would
/// (INVALID_DATA on Phone), the Failures page says what to do, and its link opens the lead with the phone's editor
/// focused and the same advice under the lead's last error. Saves the acceptance screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SyncErrorAdviceBrowserTests(BrowserFixture browser)
{
    private const string PhoneAdvice = "Phone: Zoho allows only digits, spaces and + ( ) . - / x";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_phone_zoho_refuses_shows_what_to_do_and_the_failures_link_opens_the_lead_on_its_phone()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var lead = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        // Written around LeadCommands (as an older import would): '#' is not a character Zoho takes in a phone (§2.11).
        lead.Apply(new LeadFields("Ada", "Lovelace", "ada.phone@example.com", "555 #12", "Not Contacted", "Engines"));
        await app.QueryAsync(async db =>
        {
            db.Leads.Add(lead);
            return await db.SaveChangesAsync(Token);
        });
        await app.Sync.PushAsync([lead.Id], cancellationToken: Token);
        var failed = await Eventually.ReadAsync(() => app.LeadAsync(lead.Id), l => l?.SyncState == SyncState.Error, "the sandbox refused the phone");
        Assert.Equal(("INVALID_DATA", "Phone"), (failed!.LastError!.Code, failed.LastError.Field));
        Assert.StartsWith(PhoneAdvice, SyncErrorAdvice.For(failed.LastError), StringComparison.Ordinal);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_phone_zoho_refuses_shows_what_to_do_and_the_failures_link_opens_the_lead_on_its_phone), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "failures").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var group = page.Locator("[data-testid=failure-group][data-code=INVALID_DATA][data-field=Phone]");
            await Assertions.Expect(group.Locator("[data-testid=group-advice]")).ToContainTextAsync(PhoneAdvice);
            await group.Locator(".mud-expand-panel-header").ClickAsync();
            var link = page.Locator("[data-testid=failed-lead-link]");
            await Assertions.Expect(link).ToHaveAttributeAsync("href", $"/leads?lead={lead.Id}&field=Phone");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-failures-advice.png"), FullPage = true });

            await link.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"lead={lead.Id}", StringComparison.Ordinal));
            var dialog = page.Locator("[data-testid=lead-dialog], .mud-dialog").First;
            await Assertions.Expect(page.Locator("input[data-testid=lead-phone]")).ToHaveValueAsync("555 #12");
            await Assertions.Expect(page.Locator("[data-testid=lead-error-advice]")).ToContainTextAsync(PhoneAdvice);
            await Assertions.Expect(page.Locator("input[data-testid=lead-phone]")).ToBeFocusedAsync();
            await Task.Delay(1000, Token); // and the dialog does not take the focus back afterwards
            Assert.Equal("lead-phone", await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')"));
            await Assertions.Expect(dialog).ToContainTextAsync("Phone may contain only");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-lead-error-advice.png"), FullPage = true });
        });
    }
}
