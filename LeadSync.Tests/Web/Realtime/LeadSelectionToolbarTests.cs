using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Realtime;

public sealed class LeadSelectionToolbarTests : LiveConsoleTestContext
{
    private async Task<List<Guid>> QueuedLeadIdsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.Set<OutboxEntry>().Select(e => e.LeadId).OrderBy(id => id).ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private async Task<List<SyncRun>> RunsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.Set<SyncRun>().AsNoTracking().ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Push_on_ticked_rows_queues_exactly_those_leads_and_starts_a_bulk_push_run()
    {
        var leads = await SeedLeadsAsync(SyncState.Synced, "Gray", "Hale", "Ivey", "Jones");
        var page = Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=lead-row]").Count));

        var chosen = new[] { leads[1].Id, leads[3].Id };
        foreach (var id in chosen)
        {
            page.Find($"[data-testid=lead-select][data-lead-id='{id}'] input").Change(true);
        }

        page.WaitForAssertion(() => Assert.Contains("2 selected", page.Find("[data-testid=selection-count]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=push-selected]").Click();

        await EventuallyAsync(async () => Assert.Single(await RunsAsync()));
        Assert.Equal(chosen.Order(), await QueuedLeadIdsAsync());
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(SyncRunKind.Push, run.Kind);
        Assert.Equal(SyncTrigger.Bulk, run.Trigger);
    }

    [Fact]
    public async Task Push_on_all_matching_a_filter_queues_exactly_the_matching_leads()
    {
        var leads = await SeedLeadsAsync(SyncState.Synced, "Keller", "Kemp", "Lowe");
        var selection = LeadSelection.Matching(new LeadFilter { Search = "ke" }, 2);
        var toolbar = Render<LeadSelectionToolbar>(p => p.Add(x => x.Selection, selection));

        toolbar.Find("[data-testid=push-selected]").Click();

        await EventuallyAsync(async () => Assert.Single(await RunsAsync()));
        Assert.Equal(new[] { leads[0].Id, leads[1].Id }.Order(), await QueuedLeadIdsAsync());
        Assert.Equal(SyncTrigger.Bulk, Assert.Single(await RunsAsync()).Trigger);
    }
}
