using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Zoho notifications end to end (§5): with the scheduled pull at one hour, a change a person makes in the sandbox
/// reaches an open Leads page through the watch callback within two seconds.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class WebhookLatencyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly float ChangeVisibleWithin = 2_000;
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithWebhooks();
    private IBrowserContext context = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.Start();
        context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, ColorScheme = ColorScheme.Light });
        context.SetDefaultTimeout(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Sandbox_edit_shows_on_the_open_Leads_page_within_two_seconds()
    {
        var name = "Latency" + Guid.NewGuid().ToString("N")[..6];
        var email = name.ToLowerInvariant() + "@example.com";
        var leads = app.Services.GetRequiredService<ZohoSandboxControl>().Leads;
        await app.WatchChannelAsync(TimeSpan.FromSeconds(20));
        var created = await leads.CreateAsync(new SandboxLeadInput { LastName = name, Email = email, Company = "Before " + name }, Ct);
        await WaitForLocalLeadAsync(email);

        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
        await LeadSyncAppFactory.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=lead-search] input, .lead-search input").First.FillAsync(name);
        var row = page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Before " + name);

        var edited = await leads.EditAsync(created.Lead!.Id, new SandboxLeadInput { LastName = name, Email = email, Company = "After " + name }, Ct);

        Assert.True(edited.Succeeded);
        await Assertions.Expect(row).ToContainTextAsync("After " + name, new() { Timeout = ChangeVisibleWithin });
        await Assertions.Expect(row.Locator("[data-testid=sync-state]")).ToHaveAttributeAsync("data-state", "Synced", new() { Timeout = ChangeVisibleWithin });
    }

    private Task WaitForLocalLeadAsync(string email) =>
        Eventually.TrueAsync(async () => (await app.LeadByEmailAsync(email))?.ZohoId is not null, $"{email} arrived linked to Zoho", TimeSpan.FromSeconds(20));
}
