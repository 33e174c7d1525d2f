using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The lead dialog's typed editors for mapped extra fields in Chromium: a lead with a value of every kind shown in its
/// editor, a bad number refused with Core's message and Save kept from sending it, a fixed value saved and pushed.
/// Saves light, dark and 390 px shots of the dialog for a person to look at.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ExtraFieldsBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dialog_edits_every_kind_of_extra_field_with_cores_rules()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ExtraFieldsSyncTests.EveryKind.Select(k => k.ApiName));
        var extra = LeadFieldValues.From(ExtraFieldsSyncTests.EveryKind.Select(k => new KeyValuePair<string, FieldValue?>(k.ApiName, k.Value)));
        var lead = await app.Commands.CreateAsync(new LeadFields("Ada", "Lovelace", "ada.extra@example.com", "555-0100", "Contacted", "Engines") { Extra = extra }, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        foreach (var (scheme, width, height) in new[] { (ColorScheme.Light, 1280, 1000), (ColorScheme.Dark, 1280, 1000), (ColorScheme.Light, 390, 844) })
        {
            await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await app.SignInAsync(page);
            var name = $"issue18-lead-dialog-extra-fields-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{width}";
            await BrowserArtifacts.CaptureOnFailureAsync(name, [page], async () =>
            {
                await page.GotoAsync(new Uri(app.Start(), LeadLinks.Edit(lead.Id).TrimStart('/')).ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await Assertions.Expect(page.Locator("input[data-testid=extra-Annual_Revenue]")).ToHaveValueAsync("1250000.5");
                await Assertions.Expect(page.Locator("input[data-testid=extra-Next_Call__c]")).ToHaveValueAsync("2026-12-24");
                await Assertions.Expect(page.Locator("textarea[data-testid=extra-Description]")).ToHaveValueAsync("Met at the fair.\nWants a demo.");
                await page.Locator("[data-testid=extra-fields-title]").ScrollIntoViewIfNeededAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, name + ".png"), FullPage = width == 390 });
            });
        }

        await using var editing = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        editing.SetDefaultTimeout(30_000);
        var edit = await editing.NewPageAsync();
        await app.SignInAsync(edit);
        await BrowserArtifacts.CaptureOnFailureAsync("issue18-extra-fields-edit", [edit], async () =>
        {
            await edit.GotoAsync(new Uri(app.Start(), LeadLinks.Edit(lead.Id).TrimStart('/')).ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(edit);
            var revenue = edit.Locator("input[data-testid=extra-Annual_Revenue]");
            await revenue.FillAsync("1,5");
            await Assertions.Expect(edit.Locator(".mud-input-control", new() { Has = revenue })).ToContainTextAsync("Annual Revenue must be a number (a dot before any decimals).");
            await edit.Locator("[data-testid=lead-save]").ClickAsync();
            await Assertions.Expect(edit.Locator("[data-testid=lead-dialog]")).ToBeVisibleAsync();
            await revenue.FillAsync("2000000");
            await edit.Locator("[data-testid=lead-save]").ClickAsync();
            await Assertions.Expect(edit.Locator("[data-testid=lead-dialog]")).ToHaveCountAsync(0);
        });

        await app.WaitSyncedAsync(lead.Id);
        var saved = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(extra.With("Annual_Revenue", FieldValue.Number(2000000)), saved.ExtraFields);
        Assert.Equal("2000000", app.ZohoSingle("ada.extra@example.com").ExtraValue("Annual_Revenue"));
    }
}
