using AngleSharp.Dom;
using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Events;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Realtime;

public sealed class LiveLeadsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = ConsoleTestContext.Live();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private static string ChipState(IRenderedComponent<LeadsPage> page, Guid leadId) =>
        page.FindAll("tr").Single(r => r.QuerySelector($"[data-testid=lead-row][data-lead-id='{leadId}']") is not null)
            .QuerySelector("[data-testid=sync-state]")!.GetAttribute("data-state")!;

    private static string RowCheckbox(Guid leadId) => $"[data-testid=lead-select][data-lead-id='{leadId}'] input";

    [Fact]
    public async Task A_lead_state_event_changes_only_that_rows_chip_without_reload()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Pending, "Ames", "Baker", "Cole");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=lead-row]").Count));
        Assert.All(leads, l => Assert.Equal("Pending", ChipState(page, l.Id)));

        var baker = leads[1];
        await ctx.SetSyncStateAsync(baker.Id, SyncState.Synced);
        ctx.Bus.Publish(new LeadStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, baker.Id, SyncState.Synced, null));

        page.WaitForAssertion(() => Assert.Equal("Synced", ChipState(page, baker.Id)), TimeSpan.FromSeconds(10));
        Assert.Equal("Pending", ChipState(page, leads[0].Id));
        Assert.Equal("Pending", ChipState(page, leads[2].Id));
    }

    [Fact]
    public async Task A_tick_sent_just_before_its_row_refreshed_live_is_kept()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Pending, "Quinn", "Reyes");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=lead-row]").Count));
        var quinn = leads[0];
        // The checkbox as the browser showed it when the user clicked: its change reaches the server after the refresh.
        var clicked = page.FindAll(RowCheckbox(quinn.Id)).Single();

        await ctx.UpdateLeadAsync(quinn.Id, l => l.SyncState = SyncState.Synced);
        ctx.Bus.Publish(new LeadStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, quinn.Id, SyncState.Synced, null));
        page.WaitForAssertion(() => Assert.Equal("Synced", ChipState(page, quinn.Id)), TimeSpan.FromSeconds(10));
        clicked.Change(true);

        page.WaitForAssertion(() => Assert.Equal("1 selected", page.Find("[data-testid=selection-count]").TextContent.Trim()));
        Assert.True(page.Find(RowCheckbox(quinn.Id)).IsChecked());
    }

    [Fact]
    public async Task A_ticked_row_stays_ticked_and_the_toolbar_stays_through_live_refreshes()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Pending, "Stone", "Tate", "Upton");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=lead-row]").Count));
        page.Find(RowCheckbox(leads[0].Id)).Change(true);
        page.Find(RowCheckbox(leads[2].Id)).Change(true);
        page.WaitForAssertion(() => Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim()));

        foreach (var (state, round) in new[] { SyncState.Synced, SyncState.Pending, SyncState.Synced }.Select((s, i) => (s, i + 1)))
        {
            await ctx.UpdateLeadAsync(leads[0].Id, l => l.SyncState = state);
            ctx.Bus.Publish(new LeadStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, leads[0].Id, state, null));
            page.WaitForAssertion(() => Assert.True(page.Instance.LiveReloads >= round), TimeSpan.FromSeconds(10));
            page.WaitForAssertion(() => Assert.Equal(state.ToString(), ChipState(page, leads[0].Id)));
            Assert.Equal("2 selected", page.Find("[data-testid=selection-count]").TextContent.Trim());
            Assert.True(page.Find(RowCheckbox(leads[0].Id)).IsChecked());
            Assert.True(page.Find(RowCheckbox(leads[2].Id)).IsChecked());
            Assert.False(page.Find(RowCheckbox(leads[1].Id)).IsChecked());
        }
    }

    [Fact]
    public async Task An_event_for_a_lead_not_on_the_page_does_not_reload_the_grid()
    {
        await ctx.SeedLeadsAsync(SyncState.Pending, "Dunn");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=lead-row]")));

        ctx.Bus.Publish(new LeadStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, Guid.NewGuid(), SyncState.Synced, null));
        ctx.Bus.Publish(new LeadsChanged(DateTimeOffset.UtcNow, ctx.InstanceId, 500, null)); // a bulk change does reload, once

        page.WaitForAssertion(() => Assert.Equal(1, page.Instance.LiveReloads));
    }

    [Fact]
    public async Task A_burst_of_a_thousand_events_causes_a_bounded_number_of_renders()
    {
        var leads = await ctx.SeedLeadsAsync(SyncState.Pending, "Evans", "Ford");
        var page = ctx.Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=lead-row]").Count));

        await ctx.SetSyncStateAsync(leads[0].Id, SyncState.Synced);
        for (var i = 0; i < 1000; i++)
        {
            ctx.Bus.Publish(new LeadStateChanged(DateTimeOffset.UtcNow, ctx.InstanceId, leads[i % 2].Id, SyncState.Synced, null));
        }

        page.WaitForAssertion(() => Assert.Equal("Synced", ChipState(page, leads[0].Id)), TimeSpan.FromSeconds(10));
        // Let any trailing window close, then count: a thousand events became a handful of reloads, not a thousand.
        await Task.Delay(500, Xunit.TestContext.Current.CancellationToken);
        Assert.InRange(page.Instance.LiveReloads, 1, 10);
    }
}
