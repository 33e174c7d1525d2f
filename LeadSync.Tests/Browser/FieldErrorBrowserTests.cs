using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// A field Zoho refused for one lead, in a real Chromium (docs/extra-fields.md): the Leads grid warns beside the lead's
/// sync state and its "Field errors" quick filter keeps the lead, the lead dialog shows the error under the field's editor, the Failures page lists the field with its lead, and the mapping page's flag links there. Saves
/// light, dark and 390px screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FieldErrorBrowserTests(BrowserFixture browser)
{
    private const float Timeout = 30_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1280, 900, "light")]
    [InlineData(1280, 900, "dark")]
    [InlineData(390, 844, "light")]
    public async Task A_refused_field_shows_in_the_dialog_on_the_failures_page_and_from_the_mapping_page(int width, int height, string scheme)
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ["Industry", "Seats__c"]);
        await app.Sandbox.Fields.UpdateAsync("Industry", new SandboxFieldEdit { PicklistValues = ["Large Enterprise", "Service Provider"] }, Token);
        var lead = await app.Commands.CreateAsync(
            new LeadFields("Ada", "Lovelace", "ada@example.com", null, null, "Analytical Engines") { Extra = LeadFieldValues.Empty.With("Industry", FieldValue.Text("Systems Integrator")).With("Seats__c", FieldValue.Number(5)) },
            cancellationToken: Token);
        await Eventually.TrueAsync(async () => await app.QueryAsync(db => db.Set<LeadFieldError>().AnyAsync(e => e.LeadId == lead.Id, Token)), "the field error is recorded");
        await app.WaitSyncedAsync(lead.Id);
        await app.Services.GetRequiredService<FieldMetadataRefreshTrigger>().Running;

        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await using var _ = context;
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        var name = $"{width}-{scheme}";
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_refused_field_shows_in_the_dialog_on_the_failures_page_and_from_the_mapping_page) + name, [page], async () =>
        {
            await ShowsInTheGridAsync(app, page, name, width < 600);

            await page.GotoAsync(new Uri(app.Start(), $"leads?lead={lead.Id}").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var error = page.Locator("[data-testid=field-error-Industry]");
            await Assertions.Expect(error).ToContainTextAsync("Not synced to Zoho · INVALID_DATA");
            await error.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-error-dialog-{name}.png") });

            await page.GotoAsync(new Uri(app.Start(), "settings/fields").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var link = page.Locator("[data-testid=field-errors-Industry]").First;
            await Assertions.Expect(link).ToContainTextAsync("Does not sync for 1 lead");
            await Assertions.Expect(page.Locator("[data-testid=problem-Industry]").First).ToContainTextAsync("removed the value");
            await link.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-error-mapping-{name}.png") });

            await link.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=field-error-group][data-field=Industry] [data-testid=field-error-lead]")).ToContainTextAsync("Ada Lovelace");
            await Assertions.Expect(page.Locator("[data-testid=field-error-count]")).ToHaveTextAsync("1 lead");
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-error-failures-{name}.png"), FullPage = width >= 600 });
        });
    }

    /// <summary>
    /// The Leads grid: a warning beside the lead's sync-state chip whose tooltip names the field, and the "Field errors"
    /// quick filter (behind the Filters button on a phone) that keeps only such leads and goes into the address.
    /// </summary>
    private static async Task ShowsInTheGridAsync(LeadSyncAppFactory app, IPage page, string name, bool phone)
    {
        await app.Commands.CreateAsync(new LeadFields("Grace", "Hopper", "grace@example.com", null, null, "Navy"), cancellationToken: Token);
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(2);
        var badge = page.Locator("[data-testid=field-error-badge]");
        await Assertions.Expect(badge).ToHaveCountAsync(1);
        await badge.HoverAsync();
        await Assertions.Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "1 field does not sync: Industry (INVALID_DATA" })).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500); // the tooltip's fade-in, for the picture only
        await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-error-grid-{name}.png") });

        if (phone)
        {
            await page.Locator("[data-testid=filters-toggle]").ClickAsync();
        }

        var quick = page.Locator("[data-testid=filter-field-errors]");
        await Assertions.Expect(quick).ToContainTextAsync("Field errors · 1");
        await quick.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(quick).ToHaveAttributeAsync("data-active", "true");
        Assert.Contains("fielderrors=true", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-error-quick-filter-{name}.png") });
    }

    private static string Shot(string file) => Path.Combine(BrowserArtifacts.AcceptanceDirectory, file);
}
