using LeadSync.Core.Leads;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>A live refresh keeps the rows the user was looking at where they were, and says why they no longer belong.</summary>
public sealed class LeadRowsInPlaceTests
{
    private static LeadListItem Item(string name, SyncState state = SyncState.Synced) => new(
        Guid.NewGuid(), null, name, $"{name}@example.com", null, null, null, null, state, null, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    [Fact]
    public void Rows_that_left_the_page_stay_at_their_old_place_and_deleted_ones_go()
    {
        var (a, b, c, d) = (Item("a"), Item("b"), Item("c"), Item("d"));
        IReadOnlyList<LeadRow> shown = [new(a), new(b), new(c), new(d)];
        var fresh = new[] { a, d, Item("e") }; // b left the filter, c was deleted, e is new

        var missing = LeadRowsInPlace.Missing(shown, fresh);
        var bNow = b with { SyncState = SyncState.Pending };
        var rows = LeadRowsInPlace.Merge(shown, fresh, [(bNow, false)]);

        Assert.Equal([b.Id, c.Id], missing);
        Assert.Equal(["a", "b", "d", "e"], rows.Select(r => r.Lead.LastName));
        Assert.Equal([LeadRowPlace.InView, LeadRowPlace.LeftFilter, LeadRowPlace.InView, LeadRowPlace.InView], rows.Select(r => r.Place));
        Assert.Equal(SyncState.Pending, rows[1].Lead.SyncState); // the current version, not the one shown before
    }

    [Fact]
    public void A_row_that_still_matches_but_sorts_elsewhere_is_kept_as_moved()
    {
        var (a, b) = (Item("a"), Item("b"));
        var rows = LeadRowsInPlace.Merge([new(a), new(b)], [b], [(a, true)]);

        Assert.Equal([(a.Id, LeadRowPlace.Moved), (b.Id, LeadRowPlace.InView)], rows.Select(r => (r.Id, r.Place)));
    }

    [Fact]
    public void Nothing_missing_means_the_fresh_page_as_it_is()
    {
        var a = Item("a");

        Assert.Empty(LeadRowsInPlace.Missing([new(a)], [a]));
        Assert.Equal([LeadRowPlace.InView], LeadRowsInPlace.Merge([new(a)], [a], []).Select(r => r.Place));
    }
}
