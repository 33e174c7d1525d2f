using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Dashboard;

namespace LeadSync.Tests.Web.Components.Dashboard;

public sealed class DashboardPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Dashboard_shows_leads_by_state_queue_depth_last_runs_and_credits()
    {
        var a = await ctx.CreateLeadAsync("A", "a@example.com");
        var b = await ctx.CreateLeadAsync("B", "b@example.com");
        await ctx.CreateLeadAsync("C", "c@example.com");
        await ctx.FailPushAsync(a.Id, "INVALID_DATA", "Email", "invalid data", deadLettered: true);
        await ctx.FailPushAsync(b.Id, "INVALID_DATA", "Email", "invalid data");
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => { r.AddCreated(5); r.AddCall(10); });
        ctx.Clock.Advance(TimeSpan.FromMinutes(90));
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change, r => { r.AddUpdated(2); r.AddFailed(1); r.AddCall(30); });
        ctx.Clock.Advance(TimeSpan.FromHours(2));

        var page = ctx.RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("1", StateCount(page, SyncState.DeadLetter)));
        Assert.Equal("1", StateCount(page, SyncState.Error));
        Assert.Equal("1", StateCount(page, SyncState.Pending));
        Assert.Equal("0", StateCount(page, SyncState.Synced));
        Assert.Equal("2", page.Find("[data-testid=queue-pending]").TextContent.Trim()); // a's entry is dead-lettered
        Assert.Equal("2", page.Find("[data-testid=queue-due]").TextContent.Trim()); // b's one-hour backoff has passed
        Assert.Equal("1", page.Find("[data-testid=queue-dead]").TextContent.Trim());
        Assert.Equal("2 hours ago", page.Find("[data-testid=last-push]").TextContent.Trim());
        Assert.Equal("3 hours ago", page.Find("[data-testid=last-pull]").TextContent.Trim());
        Assert.Equal("40 of 50,000", page.Find("[data-testid=credits-used]").TextContent.Trim());
        Assert.Equal("false", page.Find("[data-testid=credits-bar]").GetAttribute("data-warning"));
    }

    [Fact]
    public async Task A_queue_of_more_than_ten_thousand_is_counted_only_so_far_and_says_so()
    {
        // 10,003 leads queued by the owner of the outbox, as an "all matching" push does: the dashboard counts the
        // queue only up to OutboxCounts.Limit + 1 (an exact count of a million-entry queue cost ~0.5 s per load).
        await ctx.SeedManyAsync(OutboxCounts.Limit + 3, i => new LeadFields("Bulk", "Lead", $"bulk.{i}@example.com", null, null, "Acme"));
        await using (var db = await ctx.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            await LeadSyncTransitions.QueueManyAsync(db, d => d.Leads, ChangeSource.Bulk, ctx.Clock.GetUtcNow(), Xunit.TestContext.Current.CancellationToken);
            Assert.Equal(OutboxCounts.Limit + 3, await db.Set<OutboxEntry>().CountAsync(Xunit.TestContext.Current.CancellationToken)); // all of them queued
        }

        var page = ctx.RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("more than 10,000", page.Find("[data-testid=queue-pending]").TextContent.Trim()));
        Assert.Equal("more than 10,000", page.Find("[data-testid=queue-due]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=queue-dead]").TextContent.Trim());
        var overview = await ctx.Get<SyncService>().GetOverviewAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(OutboxCounts.Limit + 1, overview.QueueDepth); // the status API's "more than 10,000"
    }

    [Fact]
    public async Task Credits_above_80_percent_of_the_budget_show_a_warning()
    {
        await ctx.Get<LeadSync.Core.Settings.SyncSettingsService>().SaveAsync(
            ctx.Get<LeadSync.Core.Settings.SyncSettingsService>().GetCurrent() with { DailyCreditBudget = 100 }, Xunit.TestContext.Current.CancellationToken);
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCall(81));

        var page = ctx.RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("81 of 100", page.Find("[data-testid=credits-used]").TextContent.Trim()));
        Assert.Equal("true", page.Find("[data-testid=credits-bar]").GetAttribute("data-warning"));
        Assert.Contains("above 80%", page.Find("[data-testid=credits-percent]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_install_shows_an_empty_state_instead_of_empty_bars()
    {
        var page = ctx.RenderWithProviders<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No sync activity in the last 24 hours", page.Find("[data-testid=activity-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=activity-bar]"));
    }

    [Fact]
    public async Task Switching_the_range_queries_its_buckets_again()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(5));
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        var page = ctx.RenderWithProviders<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll("[data-testid=activity-bar]").Count));

        page.ClickLive(p => RangeButton(p, "LastHour"));
        page.WaitForAssertion(() => Assert.Contains("No sync activity in the last hour", page.Find("[data-testid=activity-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", RangeButton(page, "LastHour").GetAttribute("aria-pressed"));

        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change, r => r.AddUpdated(3));
        page.ClickLive(p => RangeButton(p, "Last7Days"));
        page.WaitForAssertion(() => Assert.Equal(28, page.FindAll("[data-testid=activity-bar]").Count));
        Assert.Equal(8, page.FindAll("[data-testid=activity-bar]").Sum(b => int.Parse(b.GetAttribute("data-synced")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("per 6 hours", page.Find("[data-testid=activity-title]").TextContent, StringComparison.Ordinal);
    }

    [Fact] // a live reload and a range switch overlap: the reload that ends last must not put the old range back
    public async Task A_live_reload_that_ends_after_a_range_switch_does_not_put_the_old_range_back()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(5));
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        var page = ctx.RenderWithProviders<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll("[data-testid=activity-bar]").Count));
        var dashboard = page.FindComponent<DashboardPage>();

        var reload = ctx.ContextHolds.HoldNext();
        ctx.Bus.Publish(new EngineStateChanged(ctx.Clock.GetUtcNow(), ctx.InstanceId, EngineState.Idle, 0, null, 0, null));
        await reload.Entered.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken); // the live reload (last 24 hours) is held
        page.ClickLive(p => RangeButton(p, "LastHour"));
        page.WaitForAssertion(() => Assert.Contains("No sync activity in the last hour", page.Find("[data-testid=activity-empty]").TextContent, StringComparison.Ordinal));
        var rendersBefore = dashboard.RenderCount;
        reload.Release();

        dashboard.WaitForState(() => dashboard.RenderCount > rendersBefore); // the reload ended and the page rendered
        Assert.Empty(page.FindAll("[data-testid=activity-bar]"));
        Assert.Equal("true", RangeButton(page, "LastHour").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Each_bar_links_to_the_runs_started_in_its_bucket()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(5)); // 1 March 09:00 UTC
        ctx.Clock.Advance(TimeSpan.FromMinutes(20));
        var page = ctx.RenderWithProviders<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(24, page.FindAll("[data-testid=activity-bar]").Count));

        var bar = Assert.Single(page.FindAll("[data-testid=activity-bar]"), b => b.GetAttribute("data-synced") == "5");
        Assert.Equal("/runs?from=2026-03-01T09:00:00Z&to=2026-03-01T10:00:00Z", bar.GetAttribute("href"));
        Assert.Equal("/runs?from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z", page.FindAll("[data-testid=activity-bar]")[^2].GetAttribute("href"));

        page.ClickLive(p => RangeButton(p, "LastHour"));
        page.WaitForAssertion(() => Assert.Equal(
            "/runs?from=2026-03-01T09:00:00Z&to=2026-03-01T09:05:00Z",
            Assert.Single(page.FindAll("[data-testid=activity-bar]"), b => b.GetAttribute("data-synced") == "5").GetAttribute("href")));
    }

    private static AngleSharp.Dom.IElement RangeButton(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string range) =>
        page.Find($"[data-testid=range-button][data-range={range}]");

    private static string StateCount(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, SyncState state) =>
        page.Find($"[data-testid=state-card][data-state={state}] [data-testid=state-count]").TextContent.Trim();
}
