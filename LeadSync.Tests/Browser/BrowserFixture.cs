using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>One headless Chromium (the system's, never downloaded) shared by the browser test classes of a collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        // An expectation waits as long as an action (the contexts' 30 s), not Playwright's 5 s: on CI's two busy cores
        // an import's first render once took longer than 5 s. A wrong page still fails, only later.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LEADSYNC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
