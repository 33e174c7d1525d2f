using LeadSync.Core.Fields;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Settings → Field mapping in a real Chromium (docs/zoho §2.12): a field Zoho changed is flagged; switching a field on
/// says what it will do and what it costs before anything is saved; Apply runs the backfill as a sync run whose
/// progress the page follows. On the sandbox page a person adds, changes and deletes a Lead field. Saves light, dark and
/// 390px screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FieldMappingBrowserTests(BrowserFixture browser)
{
    private const float Timeout = 30_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1280, 900, "light")]
    [InlineData(1280, 900, "dark")]
    [InlineData(390, 844, "light")]
    public async Task Mapping_a_field_shows_its_plan_then_backfills_it_as_a_sync_run(int width, int height, string scheme)
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.ImportAsync(3, "Mapped");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        var mapping = app.Services.GetRequiredService<FieldMappingService>();
        await mapping.SaveAsync([new("Region__c", true, FieldSyncDirection.ZohoToLeadSync)], null, Token);
        await app.Sandbox.Fields.UpdateAsync("Region__c", new SandboxFieldEdit { PicklistValues = ["EMEA", "North America", "APAC"] }, Token);
        await app.Services.GetRequiredService<FieldMetadataStore>().RefreshAsync(Token);

        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await using var _ = context;
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        var name = $"{width}-{scheme}";
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Mapping_a_field_shows_its_plan_then_backfills_it_as_a_sync_run) + name, [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "settings/fields").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=problem-Region__c]")).ToContainTextAsync("removed the value \"LATAM\"");
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-mapping-{name}.png"), FullPage = width < 600 ? false : true });

            await page.Locator("input[data-testid=field-search], [data-testid=field-search] input").First.FillAsync("Industry");
            await Assertions.Expect(page.Locator("[data-testid=field-mapping-table] tbody tr")).ToHaveCountAsync(1);
            await page.Locator("[data-testid=map-Industry] input, input[data-testid=map-Industry]").First.CheckAsync();
            await page.ClickAsync("[data-testid=mapping-review]");
            await Assertions.Expect(page.Locator("[data-testid=mapping-plan-step]").First)
                .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Backfill Industry for 3 leads from Zoho: about 1 credit \\("));
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-mapping-plan-{name}.png") });

            await page.ClickAsync("[data-testid=mapping-apply]");
            await Eventually.TrueAsync(
                async () => (await app.RunsAsync()).Any(r => r.Kind == LeadSync.Core.Sync.History.SyncRunKind.FullResync && r.FinishedAt != null),
                "the backfill run finished", TimeSpan.FromSeconds(60));
            await Assertions.Expect(page.Locator("[data-testid=backfill-progress]")).ToContainTextAsync("Backfill finished", new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new() { Path = Shot($"issue18-field-mapping-backfill-{name}.png") });
            Assert.Contains(await app.Services.GetRequiredService<IMappedFields>().GetAsync(Token), m => m.ApiName == "Industry");
        });
    }

    [Theory]
    [InlineData(1280, 900, "light")]
    [InlineData(390, 844, "dark")]
    public async Task A_person_adds_a_custom_field_makes_it_mandatory_and_deletes_it_on_the_sandbox_page(int width, int height, string scheme)
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        await using var _ = context;
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        var name = $"{width}-{scheme}";
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_person_adds_a_custom_field_makes_it_mandatory_and_deletes_it_on_the_sandbox_page) + name, [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "sandbox").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var panel = page.Locator("[data-testid=sandbox-fields]");
            await panel.GetByText("Lead fields (Zoho's field settings)").ClickAsync();
            await Assertions.Expect(panel.Locator(".mud-collapse-entered")).ToHaveCountAsync(1); // act only once the panel stands open
            var label = page.Locator("input[data-testid=sandbox-field-label], [data-testid=sandbox-field-label] input").First;
            await label.FillAsync("Partner Code");
            await label.PressAsync("Tab"); // the field binds on change: let the server hold the label before Save is pressed
            await page.ClickAsync("[data-testid=sandbox-field-save]");
            await Assertions.Expect(page.Locator("[data-testid=sandbox-field-delete]")).ToBeVisibleAsync(); // the page shows the field it added
            Assert.NotNull(app.Sandbox.Fields.Find("Partner_Code__c"));

            await page.Locator("input[data-testid=sandbox-field-mandatory], [data-testid=sandbox-field-mandatory] input").First.CheckAsync();
            await page.ClickAsync("[data-testid=sandbox-field-save]");
            await Eventually.TrueAsync(() => Task.FromResult(app.Sandbox.Fields.Find("Partner_Code__c")!.Mandatory), "the field was made mandatory", TimeSpan.FromSeconds(30));
            await panel.ScreenshotAsync(new() { Path = Shot($"issue18-sandbox-fields-{name}.png") });

            await page.ClickAsync("[data-testid=sandbox-field-delete]");
            await Eventually.TrueAsync(() => Task.FromResult(app.Sandbox.Fields.Find("Partner_Code__c") is null), "the field was deleted", TimeSpan.FromSeconds(30));
            Assert.Null((await app.Services.GetRequiredService<FieldMetadataStore>().RefreshAsync(Token)).Find("Partner_Code__c")); // what LeadSync reads next
        });
    }

    private static string Shot(string file) => Path.Combine(BrowserArtifacts.AcceptanceDirectory, file);
}
