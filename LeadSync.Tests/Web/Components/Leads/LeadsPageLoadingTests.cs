using Bunit;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

public sealed class LeadsPageLoadingTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();
    private readonly DatabaseGate database;

    public LeadsPageLoadingTests()
    {
        database = DatabaseGate.Install(ctx.Services);
    }

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Until_the_leads_query_answers_the_grid_says_it_is_loading_then_an_empty_answer_says_no_leads_yet()
    {
        database.Close();
        var page = ctx.RenderWithProviders<LeadsPage>();

        page.WaitForElement("[data-testid=leads-loading]");
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.NotEmpty(page.FindAll("[data-testid=leads-loading]"));
        Assert.Equal("true", page.Find("[data-testid=leads-loading]").GetAttribute("aria-busy"));
        Assert.Equal("true", page.Find("[data-testid=leads-grid]").GetAttribute("aria-busy"));
        Assert.Empty(page.FindAll("[data-testid=leads-empty]"));
        Assert.DoesNotContain("No leads yet", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("0-0 of 0", page.Markup, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Find("[data-testid=lead-total]").TextContent.Trim());

        database.Open();

        page.WaitForAssertion(() => Assert.Contains("No leads yet", page.Find("[data-testid=leads-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=leads-loading]"));
        Assert.Equal("false", page.Find("[data-testid=leads-grid]").GetAttribute("aria-busy"));
        Assert.Equal("0 leads", page.Find("[data-testid=lead-total]").TextContent.Trim());
    }
}
