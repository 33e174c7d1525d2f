using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Components;

/// <summary>
/// The first paint a person sees is the prerendered page, before the circuit starts and the grids ask for data: it
/// must say "loading", never "none", even when there is data.
/// </summary>
public sealed class FirstPaintTests
{
    [Fact]
    public async Task Prerendered_leads_runs_and_sandbox_pages_show_a_loading_state_and_no_empty_state()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        await app.CreateAsync("first.paint@example.com", lastName: "Painted");
        using var http = await app.CreateAdminClientAsync();
        var pages = new (string Path, string Grid, string Loading, string[] EmptyTexts)[]
        {
            ("leads", "leads-grid", "leads-loading", ["No leads yet", "data-testid=\"leads-empty\""]),
            ("runs", "runs-grid", "runs-loading", ["No sync run yet", "data-testid=\"runs-empty\""]),
            ("sandbox", "sandbox-grid", "sandbox-loading", ["holds no leads yet", "data-testid=\"sandbox-empty\""]),
        };

        foreach (var (path, grid, loading, emptyTexts) in pages)
        {
            var html = await http.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Contains($"data-testid=\"{loading}\"", html, StringComparison.Ordinal);
            Assert.Matches($"data-testid=\"{grid}\"[^>]*aria-busy=\"true\"|aria-busy=\"true\"[^>]*data-testid=\"{grid}\"", html);
            Assert.DoesNotContain("0-0 of 0", html, StringComparison.Ordinal);
            Assert.All(emptyTexts, text => Assert.DoesNotContain(text, html, StringComparison.Ordinal));
        }
    }
}
