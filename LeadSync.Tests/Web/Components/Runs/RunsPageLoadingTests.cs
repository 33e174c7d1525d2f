using Bunit;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Runs;

namespace LeadSync.Tests.Web.Components.Runs;

public sealed class RunsPageLoadingTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();
    private readonly DatabaseGate database;

    public RunsPageLoadingTests()
    {
        database = DatabaseGate.Install(ctx.Services);
    }

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Until_the_runs_query_answers_the_grid_says_it_is_loading_then_an_empty_answer_says_no_run_yet()
    {
        database.Close();
        var page = ctx.RenderWithProviders<RunsPage>();

        page.WaitForElement("[data-testid=runs-loading]");
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.NotEmpty(page.FindAll("[data-testid=runs-loading]"));
        Assert.Equal("true", page.Find("[data-testid=runs-grid]").GetAttribute("aria-busy"));
        Assert.Empty(page.FindAll("[data-testid=runs-empty]"));
        Assert.DoesNotContain("0-0 of 0", page.Markup, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Find("[data-testid=run-total]").TextContent.Trim());

        database.Open();

        page.WaitForAssertion(() => Assert.Equal("No sync run yet.", page.Find("[data-testid=runs-empty]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=runs-loading]"));
        Assert.Equal("false", page.Find("[data-testid=runs-grid]").GetAttribute("aria-busy"));
        Assert.Equal("0 runs", page.Find("[data-testid=run-total]").TextContent.Trim());
    }
}
