using LeadSync.Core.Leads;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

public sealed class LeadGridSelectionTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();

    [Fact]
    public void Ids_survive_a_filter_change_and_the_page_box_reflects_the_page()
    {
        var selection = new LeadGridSelection();
        selection.Set(A, true);
        selection.Set(B, true);

        selection.FilterChanged();

        Assert.Equal(new[] { A, B }.Order(), selection.Current.Ids.Order());
        Assert.Null(selection.StateOf([A, C]));
        Assert.True(selection.StateOf([A, B]));
        Assert.False(selection.StateOf([C]));
    }

    [Fact]
    public void Ticking_a_page_keeps_the_ids_of_other_pages()
    {
        var selection = new LeadGridSelection();
        selection.Set(A, true);

        selection.Set([B, C], true);
        selection.Set([B, C], false);

        Assert.Equal([A], selection.Current.Ids);
    }

    [Fact]
    public void All_matching_follows_the_filters_count_and_ends_with_the_filter()
    {
        var filter = new LeadFilter { Search = "spam" };
        var selection = new LeadGridSelection();
        selection.SelectAllMatching(filter, 60);

        selection.Reloaded(filter, 58);
        selection.Forget(A);
        Assert.True(selection.IsFilter);
        Assert.Equal(58, selection.Current.Count);
        Assert.True(selection.Contains(C));

        selection.FilterChanged();
        Assert.True(selection.Current.IsEmpty);
    }

    [Fact]
    public void A_deleted_lead_leaves_an_id_selection()
    {
        var selection = new LeadGridSelection();
        selection.Set([A, B], true);

        selection.Forget(A);

        Assert.Equal([B], selection.Current.Ids);
    }
}
