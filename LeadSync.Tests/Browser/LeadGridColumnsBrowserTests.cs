using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Tests.Core.Sync.ExtraFields;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Optional Leads-grid columns for mapped extra fields in Chromium: two fields mapped (a currency and a picklist), the
/// admin ticks them in the column chooser, the choice outlives a reload, a column sorts on the server (leads without a
/// value last), a range filter and a picklist filter go into the address and a link with them reproduces the view, and
/// a bad bound is named with its field and rule. Saves light, dark and 390 px shots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LeadGridColumnsBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Extra_field_columns_are_chosen_sorted_and_filtered_and_the_address_reproduces_the_view()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await ExtraFieldsSyncTests.MapAsync(app, ["Annual_Revenue", "Industry"]);
        var industries = (await app.Services.GetRequiredService<IMappedFields>().GetAsync(Token))
            .Single(f => f.ApiName == "Industry").Definition.PicklistValues;
        await CreateAsync(app, "Ada", 1250000.5m, industries[0]);
        await CreateAsync(app, "Grace", 5000m, industries[1]);
        await CreateAsync(app, "Edsger", 99m, industries[0]);
        await CreateAsync(app, "Barbara", null, null);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync("issue18-grid-columns", [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=lead-row]")).ToHaveCountAsync(4);
            await page.Locator("[data-testid=column-chooser] button").First.ClickAsync();
            await page.Locator("[data-testid=column-choice][data-field=Annual_Revenue] input").CheckAsync();
            await page.Locator("[data-testid=column-choice][data-field=Industry] input").CheckAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator("[data-testid=extra-cell][data-field=Annual_Revenue]", new() { HasText = "1,250,000.50" })).ToHaveCountAsync(1);

            await page.ReloadAsync();
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=extra-cell][data-field=Industry]", new() { HasText = industries[1] })).ToHaveCountAsync(1);

            var sort = page.GetByRole(AriaRole.Button, new() { Name = "Sort by Annual Revenue" });
            for (var attempt = 0; attempt < 5 && !page.Url.Contains("fsort=", StringComparison.Ordinal); attempt++)
            {
                await sort.ClickAsync();
                await page.WaitForTimeoutAsync(1500);
            }

            await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/leads?fsort=Annual_Revenue&dir=asc");
            await ExpectRowsAsync(page, "Edsger", "Grace", "Ada", "Barbara");

            await page.Locator("[data-testid=field-filter][data-field=Annual_Revenue] input[data-testid=range-low]").FillAsync("100");
            await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/leads?f=Annual_Revenue%3A100..&fsort=Annual_Revenue&dir=asc");
            await ExpectRowsAsync(page, "Grace", "Ada");
            await Assertions.Expect(page.Locator("[data-testid=lead-total]")).ToHaveTextAsync("2 leads match");

            await page.Locator("[data-testid=field-filter][data-field=Annual_Revenue] input[data-testid=range-high]").FillAsync("lots");
            await Assertions.Expect(page.Locator("[data-testid=field-filter-problems]"))
                .ToContainTextAsync("Annual Revenue (Annual_Revenue): “lots” is not a number");
        });

        var link = $"leads?f=Industry%3A{Uri.EscapeDataString(industries[0])}&fsort=Annual_Revenue&dir=desc";
        foreach (var (scheme, width, height) in new[] { (ColorScheme.Light, 1440, 900), (ColorScheme.Dark, 1440, 900), (ColorScheme.Light, 390, 844) })
        {
            await using var shots = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
            shots.SetDefaultTimeout(30_000);
            var view = await shots.NewPageAsync();
            await app.SignInAsync(view);
            var name = $"issue18-grid-columns-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{width}";
            await BrowserArtifacts.CaptureOnFailureAsync(name, [view], async () =>
            {
                // A new browser has no stored choice: the link's filter and sort bring their columns.
                await view.GotoAsync(new Uri(app.Start(), link).ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(view);
                await ExpectRowsAsync(view, "Ada", "Edsger");
                Assert.Equal("", await view.Locator("[data-testid=leads-grid] table").EvaluateAsync<string>(ColumnsReachable));
                await view.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, name + ".png") });
            });
        }
    }

    /// <summary>The first box around the table that is narrower than its content and does not let it spill lets it scroll sideways (not clip it).</summary>
    private const string ColumnsReachable = """
        t => {
          for (let e = t.parentElement; e; e = e.parentElement) {
            if (e.scrollWidth > e.clientWidth + 1) {
              const s = getComputedStyle(e).overflowX;
              if (s === 'visible') continue;
              return s === 'auto' || s === 'scroll' ? '' : `${e.tagName}.${e.className} (${e.scrollWidth} > ${e.clientWidth}) has overflow-x ${s}: the columns past its edge cannot be scrolled to`;
            }
          }
          return '';
        }
        """;

    private static async Task CreateAsync(LeadSyncAppFactory app, string name, decimal? revenue, string? industry)
    {
        var extra = LeadFieldValues.Empty;
        extra = revenue is { } r ? extra.With("Annual_Revenue", FieldValue.Number(r)) : extra;
        extra = industry is { } i ? extra.With("Industry", FieldValue.Text(i)) : extra;
        await app.Commands.CreateAsync(new LeadFields(name, "Tester", $"{name.ToLowerInvariant()}@example.com", null, null, "Acme") { Extra = extra }, cancellationToken: Token);
    }

    private static async Task ExpectRowsAsync(IPage page, params string[] firstNames)
    {
        var rows = page.Locator("[data-testid=lead-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(firstNames.Length);
        await Assertions.Expect(rows).ToHaveTextAsync([.. firstNames.Select(n => $"{n} Tester")]);
    }
}
