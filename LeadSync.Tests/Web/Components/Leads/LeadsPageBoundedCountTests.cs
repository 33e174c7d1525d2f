using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>
/// A search counted only so far (<see cref="LeadListOptions.SearchCountLimit"/>, here 10) says so everywhere the count
/// shows: the total, the pager, "select all matching", the export menu and the delete confirmation; and "all matching"
/// works on the filter, not on the number shown.
/// </summary>
public sealed class LeadsPageBoundedCountTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public LeadsPageBoundedCountTests() => ctx.Services.Configure<LeadListOptions>(o => o.SearchCountLimit = 10);

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task A_search_past_the_limit_says_more_than_and_the_next_page_counts_on()
    {
        await ctx.SeedManyAsync(80, i => new LeadFields(null, $"Lead{i:000}", $"lead{i:000}@example.com", null, null, "Globex"));
        await ctx.CreateLeadAsync("Keeper", "keeper@example.com", company: "Initech");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal("81 leads", Total(page)));

        Search(page, "globex");

        // Page 1 of 50: the count reaches past the page (and past the limit of 10) and stops there.
        page.WaitForAssertion(() => Assert.Equal("more than 50 leads match", Total(page)));
        Assert.Contains("1-50 of more than 50", page.Markup, StringComparison.Ordinal);
        page.Find("[data-testid=export-menu] button").Click();
        page.WaitForAssertion(() => Assert.Contains("Export all matching (more than 50) (CSV)", page.Find("[data-testid=export-view]").TextContent, StringComparison.Ordinal));

        page.Find("button[aria-label='Next page']").Click();

        // Page 2 needs the count to 100: it finds all 80, exactly.
        page.WaitForAssertion(() => Assert.Equal(30, RowNames(page).Count));
        Assert.Equal("80 leads match", Total(page));
        Assert.Contains("51-80 of 80", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_all_matching_past_the_limit_names_no_number_and_deletes_every_match()
    {
        var globex = await ctx.SeedManyAsync(80, i => new LeadFields(null, $"Lead{i:000}", $"lead{i:000}@example.com", null, null, "Globex"));
        var keeper = await ctx.CreateLeadAsync("Keeper", "keeper@example.com", company: "Initech");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal("81 leads", Total(page)));
        Search(page, "globex");
        page.WaitForAssertion(() => Assert.Equal("more than 50 leads match", Total(page)));

        RowCheckbox(page, RowIds(page)[0]).Change(true);
        page.WaitForAssertion(() => Assert.Equal("Select all matching this filter (more than 50)",
            page.Find("[data-testid=select-all-matching]").TextContent.Trim()));
        page.Find("[data-testid=select-all-matching]").Click();
        page.WaitForAssertion(() => Assert.Equal("All matching selected (more than 50)", page.Find("[data-testid=selection-count]").TextContent.Trim()));

        page.Find("[data-testid=delete-selected]").Click();
        page.WaitForAssertion(() => Assert.Contains("Delete every lead matching the current filter (more than 50 leads)?",
            page.Find("[data-testid=confirm-message]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=leads-empty]")), TimeSpan.FromSeconds(10));
        var token = Xunit.TestContext.Current.CancellationToken;
        Assert.Equal(1, await ctx.Queries.CountAsync(LeadFilter.All, token));
        Assert.NotNull(await ctx.Queries.FindAsync(keeper.Id, token));
        Assert.Null(await ctx.Queries.FindAsync(globex[^1].Id, token));
    }

    /// <summary>Types into the search box and lets the (fake) clock run past the 300 ms debounce.</summary>
    private void Search(IRenderedComponent<ContainerFragment> page, string text)
    {
        page.Find("input[data-testid=lead-search]").Input(text);
        ctx.Clock.Advance(TimeSpan.FromMilliseconds(350));
    }

    private static string Total(IRenderedComponent<ContainerFragment> page) => page.Find("[data-testid=lead-total]").TextContent.Trim();

    private static List<string> RowNames(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("[data-testid=lead-row]").Select(e => e.TextContent.Trim())];

    private static List<Guid> RowIds(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("[data-testid=lead-row]").Select(e => Guid.Parse(e.GetAttribute("data-lead-id")!))];

    private static IElement RowCheckbox(IRenderedComponent<ContainerFragment> page, Guid id) =>
        page.Find($"[data-testid=lead-select][data-lead-id='{id}'] input");
}
