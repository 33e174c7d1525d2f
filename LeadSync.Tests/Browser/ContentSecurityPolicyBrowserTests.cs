using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// Every console page in a real Chromium under the real Content-Security-Policy: nothing is refused (neither Chromium's
/// console report nor a <c>securitypolicyviolation</c> event), and the pages still work (the circuit comes up, a MudBlazor
/// popover and dialog open). A negative check proves the listeners do catch what the policy blocks.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    /// <summary>Runs before any page script on every document: collects the policy's refusals into <c>window.__cspViolations</c>.</summary>
    private const string ViolationListener = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile || 'page'}:${e.lineNumber})`));
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_console_page_works_under_the_content_security_policy_without_a_violation()
    {
        await using var app = new LeadSyncAppFactory();
        using var api = app.CreateApiClient();
        using (var created = await api.PostAsJsonAsync("api/leads", new { lastName = "Policy", firstName = "Content", email = "csp@example.com", company = "Headers Ltd" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Guid runId;
        using (var pull = await api.PostAsync(new Uri("api/sync/pull", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, pull.StatusCode);
            runId = (await pull.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetGuid();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(ViolationListener);
        var page = await context.NewPageAsync();
        var reports = Watch(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(Every_console_page_works_under_the_content_security_policy_without_a_violation), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
            await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, reports, "/account/signin");

            await app.SignInAsync(page);
            await AssertNoViolationsAsync(page, reports, "the sign-in post and its redirect");

            string[] paths = ["/", "/dashboard", "/leads", "/runs", $"/runs/{runId}", "/conflicts", "/failures", "/sandbox", "/settings", "/settings/api-keys", "/settings/admins"];
            foreach (var path in paths)
            {
                await page.GotoAsync(new Uri(app.Start(), path.TrimStart('/')).ToString());
                await LeadSyncAppFactory.WaitForInteractiveAsync(page);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await AssertNoViolationsAsync(page, reports, path);
            }

            // The not-found page (an unknown address, answered 404 with it) and the error page.
            await page.GotoAsync(new Uri(app.Start(), "no-such-page").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, reports, "/no-such-page");
            await page.GotoAsync(new Uri(app.Start(), "Error").ToString());
            await Assertions.Expect(page.GetByText("An error occurred while processing your request.")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, reports, "/Error");

            // The console works under the policy: a popover (a select's list) and a dialog open, the lead loads into it.
            await page.GotoAsync(new Uri(app.Start(), "leads").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = "Policy" }).WaitForAsync();
            await page.ClickAsync("[data-testid=filter-status]");
            await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("[data-testid=leads-grid] tbody tr", new() { HasText = "Policy" }).Locator("[data-testid=lead-edit]").ClickAsync();
            await Assertions.Expect(page.Locator("input[data-testid=lead-lastname]")).ToHaveValueAsync("Policy");
            await AssertNoViolationsAsync(page, reports, "/leads with the status list and the lead dialog open");
        });
    }

    [Fact]
    public async Task The_setup_page_loads_without_a_violation_and_an_injected_inline_script_is_blocked_and_reported()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        await using var context = await browser.Browser.NewContextAsync();
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(ViolationListener);
        var page = await context.NewPageAsync();
        var reports = Watch(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_setup_page_loads_without_a_violation_and_an_injected_inline_script_is_blocked_and_reported), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), "account/signin").ToString());
            await page.WaitForURLAsync(url => url.EndsWith("/setup", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, reports, "/setup");

            // Negative check: the same listeners see what the policy refuses, and the refused script does not run.
            await page.EvaluateAsync("""
                () => {
                    const script = document.createElement('script');
                    script.textContent = 'window.__injected = true;';
                    document.body.appendChild(script);
                }
                """);
            await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
            Assert.Contains("script-src", string.Join("\n", await Violations(page)), StringComparison.Ordinal);
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__injected"));
            await Eventually.PassesAsync(
                () =>
                {
                    Assert.Contains(reports, r => r.Contains("Content Security Policy", StringComparison.Ordinal));
                    return Task.CompletedTask;
                },
                "Chromium reported the refused script", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        });
    }

    /// <summary>Chromium's console reports of a refused resource and of a malformed policy header, and uncaught errors.</summary>
    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var reports = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
            {
                reports.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => reports.Enqueue($"page error: {error}");
        return reports;
    }

    private static async Task<IReadOnlyList<string>> Violations(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the listener did not run']");

    private static async Task AssertNoViolationsAsync(IPage page, ConcurrentQueue<string> reports, string where)
    {
        var violations = await Violations(page);
        Assert.True(violations.Count == 0, $"{where}: {string.Join("; ", violations)}");
        Assert.True(reports.IsEmpty, $"{where}: {string.Join("; ", reports)}");
    }
}
