using System.Text;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// The CSV import in a real Chromium (issue 16): a European-Excel file with a guessed mapping, the preview naming the
/// bad cells and the duplicate, the job's counts and its refused rows as CSV; a big import followed across a reload and
/// cancelled.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LeadImportBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // A pause between batches of 500 rows keeps the big import running long enough to reload the page and cancel it.
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine().With("Import:PauseBetweenBatches", "00:00:00.200");
    private IBrowserContext context = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, ColorScheme = ColorScheme.Light });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<IPage> OpenLeadsAsync()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-grid][aria-busy=false]").WaitForAsync();
        return page;
    }

    private static async Task ChooseFileAsync(IPage page, string name, byte[] content)
    {
        await page.ClickAsync("[data-testid=import-leads]");
        // Blazor's InputFile listens for a change only once its script has initialised the element, after the render
        // that put it in the page: a file set before then is dropped (seen twice on a busy machine).
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=import-dialog] input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("[data-testid=import-dialog] input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
    }

    [Fact]
    public async Task A_semicolon_file_is_mapped_previewed_imported_and_its_refused_rows_downloaded()
    {
        var csv = "\uFEFFFirst name;Last name;E-mail;Company\r\n"
            + "Ada;Lovelace;ada@example.com;\"Engines; Ltd\"\r\n"
            + "Grace;Hopper;grace@example.com;Navy\r\n"
            + ";;not-an-email;Nobody\r\n"
            + "Dup;Dupe;ADA@example.com;Again\r\n";
        var page = await OpenLeadsAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_semicolon_file_is_mapped_previewed_imported_and_its_refused_rows_downloaded), [page], async () =>
        {
            await ChooseFileAsync(page, "trade-show.csv", Encoding.UTF8.GetBytes(csv));

            await Assertions.Expect(page.Locator("[data-testid=import-file-name]")).ToHaveTextAsync("trade-show.csv · 4 rows");
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row]")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row][data-row='4']")).ToHaveAttributeAsync("data-action", "Refuse");
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row][data-row='4'] [data-testid=import-cell-invalid]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row][data-row='5']")).ToHaveAttributeAsync("data-action", "Refuse");
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row][data-row='5']")).ToContainTextAsync("row 2");
            await Assertions.Expect(page.Locator("[data-testid=import-preview-row][data-row='2']")).ToHaveAttributeAsync("data-action", "Create");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue16-import-preview.png") });

            await page.ClickAsync("[data-testid=import-start]");
            var job = page.Locator("[data-testid=import-job]").First;
            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Completed");
            await Assertions.Expect(job.Locator("[data-testid=import-job-text]")).ToHaveTextAsync("done: 2 created, 0 updated, 0 skipped, 2 refused");
            await Assertions.Expect(page.Locator("[data-testid=lead-row]", new() { HasText = "Lovelace" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue16-import-done.png") });

            var download = await page.RunAndWaitForDownloadAsync(() => job.Locator("[data-testid=import-job-refused]").ClickAsync());
            var refused = (await File.ReadAllTextAsync(await download.PathAsync(), Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, refused.Length);
            Assert.Contains("not-an-email", refused[1], StringComparison.Ordinal);
            Assert.Contains("row 2", refused[2], StringComparison.Ordinal);
        });

        var company = await app.QueryAsync(db => db.Leads.Where(l => l.EmailNormalized == "ada@example.com").Select(l => l.Company).SingleAsync(Ct));
        Assert.Equal("Engines; Ltd", company);
    }

    [Fact]
    public async Task A_big_import_is_followed_across_a_reload_and_can_be_cancelled()
    {
        var csv = new StringBuilder("Last_Name,Email,Company\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append("Bulk ").Append(i).Append(",bulk").Append(i).Append("@import.example,Import Co\n");
        }

        var page = await OpenLeadsAsync();
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(A_big_import_is_followed_across_a_reload_and_can_be_cancelled), [page], async () =>
        {
            await ChooseFileAsync(page, "vendor-list.csv", Encoding.UTF8.GetBytes(csv.ToString()));
            await Assertions.Expect(page.Locator("[data-testid=import-start]")).ToHaveTextAsync("Import 50,000 rows");
            await page.ClickAsync("[data-testid=import-start]");
            await Assertions.Expect(page.Locator("[data-testid=import-job]").First).ToHaveAttributeAsync("data-state", "Running");

            await page.ReloadAsync();
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var job = page.Locator("[data-testid=import-job]").First;
            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Running");
            await Assertions.Expect(job.Locator("[data-testid=import-job-bar]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue16-import-running.png") });
            await job.Locator("[data-testid=import-job-cancel]").ClickAsync();

            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "Cancelled");
            await Assertions.Expect(job.Locator("[data-testid=import-job-text]")).ToContainTextAsync("cancelled after");
        });

        var stored = await app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized.EndsWith("@import.example"), Ct));
        var jobs = await app.QueryAsync(db => db.Set<ImportJob>().SingleAsync(Ct));
        Assert.Equal(ImportJobState.Cancelled, jobs.State);
        Assert.Equal(jobs.Created, stored); // what the job says it stored is what is there
        Assert.InRange(stored, 1, 49_999);
    }
}
