using System.Diagnostics;
using LeadSync.Tests.Browser;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 15.13's latency bar: a person edits a lead in the sandbox's Zoho CRM and the open Leads page in a real
/// Chromium shows the new value within 2 s (the scheduled pull at its default, so only the watch notification brings it:
/// sandbox webhook → coalesced pull → live event → the page's render throttle → grid reload). Timed from the edit call
/// to the row's new text in the page (polled every 20 ms). Writes its row first, then fails if the median missed the bar.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SandboxEditLatencyBenchmarks
{
    private const int Warmups = 2;
    private const int Runs = 12;
    private static readonly TimeSpan Bar = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sandbox_edit_to_the_open_Leads_page()
    {
        await using var app = new LeadSyncAppFactory().WithWebhooks();
        app.Start();
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);

        var leads = app.Services.GetRequiredService<ZohoSandboxControl>().Leads;
        await app.WatchChannelAsync(TimeSpan.FromSeconds(20));
        var name = "Bench" + Guid.NewGuid().ToString("N")[..6];
        var email = name.ToLowerInvariant() + "@example.com";
        var created = await leads.CreateAsync(new SandboxLeadInput { LastName = name, Email = email, Company = "Company 0" }, Token);
        await Eventually.TrueAsync(async () => (await app.LeadByEmailAsync(email))?.ZohoId is not null, $"{email} arrived linked to Zoho", TimeSpan.FromSeconds(20));

        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        var row = page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Company 0");

        var edit = 0;
        async Task EditAndWaitAsync(CancellationToken cancellationToken)
        {
            var company = $"Company {++edit}";
            var edited = await leads.EditAsync(created.Lead!.Id, new SandboxLeadInput { LastName = name, Email = email, Company = company }, cancellationToken);
            Assert.True(edited.Succeeded);
            await page.WaitForFunctionAsync(
                "([name, company]) => [...document.querySelectorAll('[data-testid=leads-grid] tbody tr')].some(r => r.textContent.includes(name) && r.textContent.includes(company))",
                new[] { name, company }, new() { PollingInterval = 20, Timeout = 20_000 });
        }

        await BenchmarkRunner.SettleAsync(cancellationToken: Token);
        var result = await BenchmarkRunner.RunAsync("Sandbox edit shown on an open Leads page", "SQLite, Chromium", EditAndWaitAsync, Warmups, Runs,
            $"webhook → pull → live event → grid reload, default Webhooks:CoalesceDelay; bar median ≤ {Bar.TotalMilliseconds:N0} ms; {BenchmarkRunner.GcMode}", Token);

        Assert.True(result.MedianMs <= Bar.TotalMilliseconds, $"a sandbox edit took {result.MedianMs:N0} ms (median) to show on the open Leads page (bar ≤ {Bar.TotalMilliseconds:N0} ms)");
    }
}
