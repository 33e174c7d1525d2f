using Bunit;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Runs;

public sealed class RunsPageWindowTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task From_and_to_in_the_address_list_only_the_runs_started_in_that_window()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled); // 09:00
        ctx.Clock.Advance(TimeSpan.FromHours(1));
        var inside = await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change); // 10:00:03, start inclusive
        ctx.Clock.Advance(TimeSpan.FromMinutes(59).Add(TimeSpan.FromSeconds(54)));
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Manual); // 11:00:00, end exclusive
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(RunsLink.ForWindow(
            new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero)));

        var page = ctx.RenderWithProviders<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal([inside.RunId.ToString()], page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run-id"))));
        Assert.Equal("1 Mar 2026 10:00 – 11:00 UTC", page.Find("[data-testid=filter-window]").TextContent.Trim());

        page.ClickLive("[data-testid=clear-filters]");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=run-row]").Count));
    }

    [Fact]
    public async Task A_custom_range_of_days_lists_the_runs_started_on_those_utc_days()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled); // 1 March
        ctx.Clock.Advance(TimeSpan.FromDays(1));
        var second = await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change); // 2 March
        ctx.Clock.Advance(TimeSpan.FromDays(1));
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Manual); // 3 March
        var page = ctx.RenderWithProviders<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=run-row]").Count));

        var range = page.FindComponent<MudSelect<RunTimeRange>>();
        await range.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync(RunTimeRange.Custom));
        var days = page.FindComponent<MudDateRangePicker>();
        await days.InvokeAsync(() => days.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2026, 3, 2), new DateTime(2026, 3, 2))));

        page.WaitForAssertion(() => Assert.Equal([second.RunId.ToString()], page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run-id"))));
        Assert.Equal("2 Mar 2026 00:00 UTC – 3 Mar 2026 00:00 UTC", page.Find("[data-testid=filter-window]").TextContent.Trim());
    }

    [Fact]
    public async Task Kind_trigger_outcome_and_range_go_into_the_address_and_an_address_opens_them()
    {
        var push = await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Manual);
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var page = ctx.RenderWithProviders<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count));

        var kind = page.FindComponent<MudSelect<SyncRunKind?>>();
        await kind.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(SyncRunKind.Push));
        var range = page.FindComponent<MudSelect<RunTimeRange>>();
        await range.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync(RunTimeRange.Last24Hours));

        page.WaitForAssertion(() => Assert.Equal([push.RunId.ToString()], page.FindAll("[data-testid=run-row]").Select(r => r.GetAttribute("data-run-id"))));
        Assert.EndsWith("/runs?kind=Push&range=Last24Hours", navigation.Uri, StringComparison.Ordinal);

        // Another address (a shared link, or the rail's "Runs") gives its own view.
        navigation.NavigateTo("/runs?trigger=scheduled&outcome=Nope&kind=7");
        page.WaitForAssertion(() => Assert.NotEqual(push.RunId.ToString(), Assert.Single(page.FindAll("[data-testid=run-row]")).GetAttribute("data-run-id")));
        navigation.NavigateTo("/runs");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count));
    }

    [Fact]
    public void The_address_of_a_view_is_canonical_and_values_that_do_not_parse_are_ignored()
    {
        var view = RunsLink.Parse("pull", "Webhook", "Failed", "last7days", (null, null));

        Assert.Equal("/runs?kind=Pull&trigger=Webhook&outcome=Failed&range=Last7Days", RunsLink.For(view));
        Assert.Equal("/runs", RunsLink.For(RunsLink.Parse("Nope", "1", "<script>", "Custom", ("yesterday", null))));
        var window = RunsLink.Parse(null, null, null, "LastHour", ("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"));
        Assert.Equal(RunTimeRange.Custom, window.Range);
        Assert.Equal("/runs?from=2026-03-01T09:00:00Z&to=2026-03-01T10:00:00Z", RunsLink.For(window));
    }

    [Fact]
    public void A_link_round_trips_its_window_in_utc()
    {
        var from = new DateTimeOffset(2026, 3, 1, 11, 5, 0, TimeSpan.FromHours(2));

        var link = RunsLink.ForWindow(from, from.AddMinutes(5));

        Assert.Equal("/runs?from=2026-03-01T09:05:00Z&to=2026-03-01T09:10:00Z", link);
        Assert.Equal(from, RunsLink.Read("2026-03-01T09:05:00Z"));
        Assert.Null(RunsLink.Read("yesterday"));
    }
}
