using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Leads;

public sealed class LeadsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Rows_come_from_the_database()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Analytical Engines");
        await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace", "Navy");

        var page = ctx.RenderWithProviders<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=lead-row]").Count));
        Assert.Equal("Ada Lovelace", page.Find($"[data-testid=lead-row][data-lead-id='{ada.Id}']").TextContent.Trim());
        Assert.Contains("ada@example.com", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Analytical Engines", page.Markup, StringComparison.Ordinal);
        Assert.Equal("2 leads", page.Find("[data-testid=lead-total]").TextContent.Trim());
        Assert.All(page.FindAll("[data-testid=sync-state]"), chip => Assert.Equal("Pending", chip.GetAttribute("data-state")));
    }

    [Fact]
    public async Task Second_page_shows_the_next_rows_and_the_total_is_shown()
    {
        await ctx.SeedManyAsync(55, i => new LeadFields(null, $"Lead{i:000}", $"lead{i:000}@example.com", null, null, null));

        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(50, RowNames(page).Count));
        // Newest first by default: page 1 is Lead055 … Lead006.
        Assert.Equal(("Lead055", "Lead006"), (RowNames(page)[0], RowNames(page)[^1]));
        Assert.Equal("55 leads", page.Find("[data-testid=lead-total]").TextContent.Trim());
        Assert.Contains("1-50 of 55", page.Markup, StringComparison.Ordinal);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(["Lead005", "Lead004", "Lead003", "Lead002", "Lead001"], RowNames(page)));
        Assert.Contains("51-55 of 55", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_by_that_column_in_the_database()
    {
        await ctx.CreateLeadAsync("Zimmer", "z@example.com", company: "Alpha");
        await ctx.CreateLeadAsync("Adams", "a@example.com", company: "Charlie");
        await ctx.CreateLeadAsync("Miller", "m@example.com", company: "Bravo");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(["Miller", "Adams", "Zimmer"], RowNames(page)));

        HeaderSort(page, "Name").Click();
        page.WaitForAssertion(() => Assert.Equal(["Adams", "Miller", "Zimmer"], RowNames(page)));

        HeaderSort(page, "Name").Click();
        page.WaitForAssertion(() => Assert.Equal(["Zimmer", "Miller", "Adams"], RowNames(page)));

        HeaderSort(page, "Company").Click();
        page.WaitForAssertion(() => Assert.Equal(["Zimmer", "Miller", "Adams"], RowNames(page)));
        HeaderSort(page, "Company").Click();
        page.WaitForAssertion(() => Assert.Equal(["Adams", "Miller", "Zimmer"], RowNames(page)));
    }

    [Fact]
    public async Task Zoho_id_column_sorts_through_the_new_ZohoId_sort_field()
    {
        var second = await ctx.CreateLeadAsync("Second", "second@example.com");
        var first = await ctx.CreateLeadAsync("First", "first@example.com");
        await ctx.UpdateLeadAsync(second.Id, l => l.ZohoId = "5725767000000000002");
        await ctx.UpdateLeadAsync(first.Id, l => l.ZohoId = "5725767000000000001");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, RowNames(page).Count));

        HeaderSort(page, "Zoho id").Click();
        page.WaitForAssertion(() => Assert.Equal(["First", "Second"], RowNames(page)));
        HeaderSort(page, "Zoho id").Click();
        page.WaitForAssertion(() => Assert.Equal(["Second", "First"], RowNames(page)));
    }

    [Fact]
    public async Task Search_filters_rows_by_name_email_phone_or_company()
    {
        await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Analytical Engines");
        await ctx.CreateLeadAsync("Hopper", "grace@navy.example", "Grace", "Navy", phone: "+1 555 0100");
        await ctx.CreateLeadAsync("Turing", "alan@example.com", "Alan", "Bletchley");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));

        Search(page, "navy");
        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], RowNames(page)));
        Assert.Equal("1 lead match", page.Find("[data-testid=lead-total]").TextContent.Trim());

        Search(page, "555 01");
        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], RowNames(page)));

        Search(page, "nobody-like-this");
        page.WaitForAssertion(() => Assert.Contains("No leads match “nobody-like-this”", page.Find("[data-testid=leads-empty]").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid=empty-clear-filters]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));
        Assert.Equal(string.Empty, page.Find("input[data-testid=lead-search]").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public async Task Sync_state_filter_shows_only_leads_in_the_chosen_states()
    {
        var failed = await ctx.CreateLeadAsync("Failed", "failed@example.com");
        await ctx.CreateLeadAsync("Waiting", "waiting@example.com");
        await ctx.UpdateLeadAsync(failed.Id, l =>
        {
            l.SyncState = SyncState.Error;
            l.LastError = new SyncError("INVALID_DATA", "Email", "invalid email");
        });
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, RowNames(page).Count));
        Assert.Equal("INVALID_DATA: invalid email", page.Find("[data-testid=sync-error]").GetAttribute("data-error"));

        var select = page.FindComponent<MudSelect<SyncState>>();
        await select.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync([SyncState.Error]));

        page.WaitForAssertion(() => Assert.Equal(["Failed"], RowNames(page)));
        Assert.Equal("Error", page.Find("[data-testid=sync-state]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Selecting_rows_shows_the_toolbar_and_select_all_matching_switches_to_filter_mode()
    {
        var leads = await ctx.SeedManyAsync(60, i => new LeadFields(null, $"Lead{i:000}", $"lead{i:000}@example.com", null, null, null));
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(50, RowNames(page).Count));
        Assert.Empty(page.FindAll("[data-testid=selection-toolbar]"));

        RowCheckbox(page, leads[^1].Id).Change(true);
        RowCheckbox(page, leads[^2].Id).Change(true);

        page.WaitForAssertion(() => Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim()));
        Assert.Equal("ids", page.Find("[data-testid=selection-toolbar]").GetAttribute("data-mode"));

        // The selection is keyed by id: it survives moving to page 2 and back.
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(10, RowNames(page).Count));
        page.Find("button[aria-label='Previous page']").Click();
        page.WaitForAssertion(() => Assert.Equal(50, RowNames(page).Count));
        Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim());
        Assert.True(RowCheckbox(page, leads[^1].Id).IsChecked());

        page.Find("[data-testid=select-all-matching]").Click();

        page.WaitForAssertion(() => Assert.Equal("All 60 matching selected", page.Find("[data-testid=selection-count]").TextContent.Trim()));
        Assert.Equal("filter", page.Find("[data-testid=selection-toolbar]").GetAttribute("data-mode"));
        Assert.All(page.FindAll("[data-testid=lead-select] input"), box => Assert.True(box.IsChecked()));

        page.Find("[data-testid=clear-selection]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=selection-toolbar]")));
    }

    [Fact]
    public async Task Ticked_leads_stay_selected_across_sorting_and_filtering_until_cleared()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Analytical Engines");
        var grace = await ctx.CreateLeadAsync("Hopper", "grace@navy.example", "Grace", "Navy");
        await ctx.CreateLeadAsync("Turing", "alan@example.com", "Alan", "Bletchley");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));
        RowCheckbox(page, ada.Id).Change(true);
        RowCheckbox(page, grace.Id).Change(true);

        HeaderSort(page, "Name").Click();
        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper", "Ada Lovelace", "Alan Turing"], RowNames(page)));
        Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim());
        Assert.True(RowCheckbox(page, ada.Id).IsChecked());

        Search(page, "navy");
        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], RowNames(page)));
        Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim());
        Assert.Equal("(1 not shown here)", page.Find("[data-testid=selection-not-shown]").TextContent.Trim());
        Assert.True(RowCheckbox(page, grace.Id).IsChecked());

        page.Find("[data-testid=clear-filters]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));
        Assert.True(RowCheckbox(page, ada.Id).IsChecked());
        Assert.True(RowCheckbox(page, grace.Id).IsChecked());
        Assert.Empty(page.FindAll("[data-testid=selection-not-shown]"));

        page.Find("[data-testid=clear-selection]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=selection-toolbar]")));
        Assert.All(page.FindAll("[data-testid=lead-select] input"), box => Assert.False(box.IsChecked()));
    }

    [Fact]
    public async Task Changing_the_filter_ends_an_all_matching_selection()
    {
        var spam = await ctx.SeedManyAsync(3, i => new LeadFields(null, $"Spam{i}", $"spam{i}@spam.example", null, null, null));
        await ctx.CreateLeadAsync("Keeper", "keeper@example.com");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, RowNames(page).Count));
        Search(page, "spam.example");
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));
        RowCheckbox(page, spam[0].Id).Change(true);
        page.WaitForElement("[data-testid=select-all-matching]").Click();
        page.WaitForAssertion(() => Assert.Equal("filter", page.Find("[data-testid=selection-toolbar]").GetAttribute("data-mode")));

        page.Find("[data-testid=clear-filters]").Click();

        page.WaitForAssertion(() => Assert.Equal(4, RowNames(page).Count));
        Assert.Empty(page.FindAll("[data-testid=selection-toolbar]"));
    }

    [Fact]
    public async Task Delete_selected_removes_the_ticked_leads_after_confirmation()
    {
        var keep = await ctx.CreateLeadAsync("Keep", "keep@example.com");
        var drop1 = await ctx.CreateLeadAsync("DropOne", "drop1@example.com");
        var drop2 = await ctx.CreateLeadAsync("DropTwo", "drop2@example.com");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, RowNames(page).Count));

        RowCheckbox(page, drop1.Id).Change(true);
        RowCheckbox(page, drop2.Id).Change(true);
        page.WaitForElement("[data-testid=delete-selected]").Click();

        page.WaitForAssertion(() => Assert.Contains("Delete 2 selected leads?", page.Find("[data-testid=confirm-message]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Keep"], RowNames(page)));
        Assert.Empty(page.FindAll("[data-testid=selection-toolbar]"));
        Assert.Null(await ctx.Queries.FindAsync(drop1.Id, Xunit.TestContext.Current.CancellationToken));
        Assert.Null(await ctx.Queries.FindAsync(drop2.Id, Xunit.TestContext.Current.CancellationToken));
        Assert.NotNull(await ctx.Queries.FindAsync(keep.Id, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_all_matching_removes_every_lead_of_the_filter_across_pages()
    {
        await ctx.SeedManyAsync(60, i => new LeadFields(null, $"Junk{i:000}", $"junk{i:000}@spam.example", null, null, null));
        var keep = await ctx.CreateLeadAsync("Keeper", "keeper@example.com");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal("61 leads", page.Find("[data-testid=lead-total]").TextContent.Trim()));

        Search(page, "spam.example");
        page.WaitForAssertion(() => Assert.Equal("60 leads match", page.Find("[data-testid=lead-total]").TextContent.Trim()));
        page.Find("[data-testid=select-page] input").Change(true);
        page.WaitForAssertion(() => Assert.Equal("50 selected", page.Find("[data-testid=selection-count]").TextContent.Trim()));
        page.Find("[data-testid=select-all-matching]").Click();
        page.WaitForElement("[data-testid=delete-selected]").Click();
        page.WaitForAssertion(() => Assert.Contains("Delete all 60 leads matching", page.Find("[data-testid=confirm-message]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=leads-empty]")), TimeSpan.FromSeconds(10));
        Assert.Equal(1, await ctx.Queries.CountAsync(LeadFilter.All, Xunit.TestContext.Current.CancellationToken));
        Assert.NotNull(await ctx.Queries.FindAsync(keep.Id, Xunit.TestContext.Current.CancellationToken));
    }

    /// <summary>Types into the search box and lets the (fake) clock run past the 300 ms debounce.</summary>
    private void Search(IRenderedComponent<ContainerFragment> page, string text)
    {
        page.Find("input[data-testid=lead-search]").Input(text);
        ctx.Clock.Advance(TimeSpan.FromMilliseconds(350));
    }

    private static List<string> RowNames(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("[data-testid=lead-row]").Select(e => e.TextContent.Trim())];

    private static IElement RowCheckbox(IRenderedComponent<ContainerFragment> page, Guid id) =>
        page.Find($"[data-testid=lead-select][data-lead-id='{id}'] input");

    private static IElement HeaderSort(IRenderedComponent<ContainerFragment> page, string title) =>
        page.FindAll(".sortable-column-header").Single(e => e.TextContent.Trim() == title);
}
