using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Realtime;

public sealed class LeadSelectionToolbarTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);
    private readonly ConsoleTestContext ctx = ConsoleTestContext.Live();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private async Task<List<Guid>> QueuedLeadIdsAsync()
    {
        await using var db = await ctx.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.Set<OutboxEntry>().Select(e => e.LeadId).OrderBy(id => id).ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private async Task<List<SyncRun>> RunsAsync()
    {
        await using var db = await ctx.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.Set<SyncRun>().AsNoTracking().ToListAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Push_on_ticked_rows_queues_exactly_those_leads_and_starts_a_bulk_push_run()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Synced, "Gray", "Hale", "Ivey", "Jones");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=lead-row]").Count));

        var chosen = new[] { leads[1].Id, leads[3].Id };
        foreach (var id in chosen)
        {
            page.Find($"[data-testid=lead-select][data-lead-id='{id}'] input").Change(true);
        }

        page.WaitForAssertion(() => Assert.Contains("2 selected", page.Find("[data-testid=selection-count]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=push-selected]").Click();

        await Eventually.PassesAsync(async () => Assert.Single(await RunsAsync()), "one push run was recorded", WaitLimit);
        await Eventually.PassesAsync(async () => Assert.Equal(chosen.Order(), await QueuedLeadIdsAsync()), "the chosen leads are queued", WaitLimit);
        var run = Assert.Single(await RunsAsync());
        Assert.Equal(SyncRunKind.Push, run.Kind);
        Assert.Equal(SyncTrigger.Bulk, run.Trigger);
    }

    [Fact]
    public async Task Push_on_all_matching_a_filter_queues_exactly_the_matching_leads()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Synced, "Keller", "Kemp", "Lowe");
        var selection = LeadSelection.Matching(new LeadFilter { Search = "ke" }, 2);
        var toolbar = ctx.Render<LeadSelectionToolbar>(p => p.Add(x => x.Selection, selection));

        toolbar.Find("[data-testid=push-selected]").Click();

        await Eventually.PassesAsync(async () => Assert.Single(await RunsAsync()), "one push run was recorded", WaitLimit);
        // The run starts at once; the selection is read and queued a chunk at a time behind it (SelectionPush).
        await Eventually.PassesAsync(async () => Assert.Equal(new[] { leads[0].Id, leads[1].Id }.Order(), await QueuedLeadIdsAsync()), "the matching leads are queued", WaitLimit);
        Assert.Equal(SyncTrigger.Bulk, Assert.Single(await RunsAsync()).Trigger);
    }
}
