using LeadSync.Core.Leads;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>The Leads page's address: one canonical form per view, read back to the same view, lenient with bad values.</summary>
public sealed class LeadListUrlTests
{
    private static LeadListQuery Query(
        string? q = null, string[]? states = null, string[]? statuses = null, string? sort = null, string? dir = null, string? page = null, string? size = null) =>
        new(q, states, statuses, sort, dir, page, size);

    [Fact]
    public void The_default_view_is_the_bare_path()
    {
        Assert.Equal("/leads", LeadListUrl.For(LeadListView.Default));
        Assert.Equal("/leads", LeadListUrl.For(LeadListUrl.Parse(Query())));
    }

    [Fact]
    public void Every_part_of_a_view_goes_into_the_address_and_comes_back()
    {
        var view = new LeadListView
        {
            Filter = new LeadFilter { Search = "acme & co", SyncStates = [SyncState.Pending, SyncState.Error], Statuses = ["New", string.Empty] },
            SortBy = LeadSortField.LastName,
            Descending = false,
            Page = 2,
            PageSize = 100,
        };

        var url = LeadListUrl.For(view);

        Assert.Equal("/leads?q=acme%20%26%20co&state=Pending&state=Error&status=&status=New&sort=lastName&dir=asc&page=3&size=100", url);
        var back = LeadListUrl.Parse(Query("acme & co", ["Pending", "Error"], ["", "New"], "lastName", "asc", "3", "100"));
        Assert.Equal(url, LeadListUrl.For(back));
        Assert.Equal((LeadSortField.LastName, false, 2, 100), (back.SortBy, back.Descending, back.Page, back.PageSize));
        Assert.Equal([SyncState.Pending, SyncState.Error], back.Filter.SyncStates);
        Assert.Equal(["", "New"], back.Filter.Statuses);
    }

    [Fact]
    public void Values_that_do_not_parse_fall_back_to_the_default_instead_of_failing_the_page()
    {
        var view = LeadListUrl.Parse(Query(
            "  ", ["Nope", "7", "error"], null, "DROP TABLE", "sideways", "-1", "33"));

        Assert.Null(view.Filter.Search);
        Assert.Equal([SyncState.Error], view.Filter.SyncStates); // case-insensitive name; numbers and unknown names ignored
        Assert.Equal((LeadSortField.UpdatedAt, true, 0, LeadListView.DefaultPageSize), (view.SortBy, view.Descending, view.Page, view.PageSize));
        Assert.Equal("/leads?state=Error", LeadListUrl.For(view));
        Assert.Equal(0, LeadListUrl.Parse(Query(page: "99999999999")).Page);
        Assert.Equal(0, LeadListUrl.Parse(Query(page: "1e3")).Page);
    }

    [Fact]
    public void Equal_views_have_one_address_whatever_the_order_or_repetition_of_their_values()
    {
        var one = LeadListUrl.Parse(Query(states: ["Error", "Pending", "Error"], statuses: ["New", "Contacted"]));
        var other = LeadListUrl.Parse(Query(states: ["Pending", "Error"], statuses: ["Contacted", "New", "New"]));

        Assert.Equal(LeadListUrl.For(one), LeadListUrl.For(other));
    }

    [Fact]
    public void A_state_link_lists_the_leads_in_that_state()
    {
        Assert.Equal("/leads?state=DeadLetter", LeadListUrl.InState(SyncState.DeadLetter));
    }
}
