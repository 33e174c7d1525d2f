using LeadSync.Core.Conflicts;
using LeadSync.Core.Jobs;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Monitoring;

public sealed class MonitoringServicesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Failure_groups_count_leads_per_code_and_field_and_their_dead_letters()
    {
        var leads = new List<Lead>();
        for (var i = 0; i < 4; i++)
        {
            leads.Add(await ctx.CreateLeadAsync($"L{i}", $"l{i}@example.com"));
        }

        await ctx.FailPushAsync(leads[0].Id, "INVALID_DATA", "Email", "invalid data");
        await ctx.FailPushAsync(leads[1].Id, "INVALID_DATA", "Email", "invalid data", deadLettered: true);
        await ctx.FailPushAsync(leads[2].Id, "INVALID_DATA", "Phone", "invalid data");

        var groups = await ctx.Get<FailureQueries>().GetGroupsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [("INVALID_DATA", "Email", 2, 1), ("INVALID_DATA", "Phone", 1, 0)],
            groups.Select(g => (g.Code, g.Field, g.Count, g.DeadLettered)));
        var email = await ctx.Get<FailureQueries>().GetLeadsAsync("INVALID_DATA", "Email", 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal([leads[1].Id, leads[0].Id], email.Items.Select(l => l.LeadId));
        Assert.True(email.Items[0].IsDeadLettered);
    }

    [Fact]
    public async Task Runs_are_filtered_by_time_range_and_outcome()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled);
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        var recent = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddFailed());
        var queries = ctx.Get<SyncRunQueries>();

        var lastHour = await queries.GetPageAsync(new SyncRunFilter(From: ctx.Clock.GetUtcNow().AddHours(-1)), 0, 10, TestContext.Current.CancellationToken);
        var partly = await queries.GetPageAsync(new SyncRunFilter(Outcome: SyncRunOutcome.PartlyFailed), 0, 10, TestContext.Current.CancellationToken);

        Assert.Equal([recent.RunId], lastHour.Items.Select(r => r.Id));
        Assert.Equal([recent.RunId], partly.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Hourly_points_cover_24_hours_with_zero_for_hours_without_runs()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(7));
        ctx.Clock.Advance(TimeSpan.FromHours(3));
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change, r => { r.AddUpdated(2); r.AddFailed(3); });

        var snapshot = await ctx.Get<DashboardQueries>().GetAsync(DashboardRange.Last24Hours, TestContext.Current.CancellationToken);

        Assert.Equal(24, snapshot.Activity.Points.Count);
        Assert.Equal(9, snapshot.Activity.Points.Sum(h => h.RecordsSynced));
        Assert.Equal(3, snapshot.Activity.Points[^1].Errors);
        Assert.Equal(7, snapshot.Activity.Points[^4].RecordsSynced);
        Assert.Equal(22, snapshot.Activity.Points.Count(h => h is { RecordsSynced: 0, Errors: 0 }));
    }

    [Fact]
    public async Task The_chart_range_picks_its_buckets_while_credits_stay_on_the_last_24_hours()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => { r.AddCreated(4); r.AddCall(5); });
        ctx.Clock.Advance(TimeSpan.FromDays(2));
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change, r => { r.AddUpdated(2); r.AddCall(1); });
        var queries = ctx.Get<DashboardQueries>();

        var hour = await queries.GetAsync(DashboardRange.LastHour, TestContext.Current.CancellationToken);
        var week = await queries.GetAsync(DashboardRange.Last7Days, TestContext.Current.CancellationToken);

        Assert.Equal(12, hour.Activity.Points.Count);
        Assert.Equal(2, hour.Activity.Points.Sum(p => p.RecordsSynced));
        Assert.Equal(28, week.Activity.Points.Count);
        Assert.Equal(6, week.Activity.Points.Sum(p => p.RecordsSynced));
        Assert.Equal(1, week.CreditsLast24Hours);
    }

    [Fact]
    public async Task A_setting_saved_by_another_instance_applies_after_a_reload()
    {
        var monitor = ctx.Get<IOptionsMonitor<SyncOptions>>();
        Assert.Equal(ConflictPolicy.ZohoWins, monitor.CurrentValue.ConflictPolicy);

        // Another instance writes the row; this one has not looked yet.
        await ctx.Get<SettingsStore>().SetAsync(
            new Dictionary<string, string?> { [RuntimeSettings.ConflictPolicyKey] = "LocalWins" }, new HashSet<string>(), TestContext.Current.CancellationToken);
        Assert.Equal(ConflictPolicy.ZohoWins, monitor.CurrentValue.ConflictPolicy);

        Assert.True(await ctx.Get<RuntimeSettings>().ReloadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ConflictPolicy.LocalWins, monitor.CurrentValue.ConflictPolicy);
        Assert.False(await ctx.Get<RuntimeSettings>().ReloadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_sync_settings_are_refused_naming_each_field_and_nothing_is_stored()
    {
        var service = ctx.Get<SyncSettingsService>();
        var bad = service.GetCurrent() with { PullInterval = TimeSpan.FromHours(25), DailyCreditBudget = 0 };

        var ex = await Assert.ThrowsAsync<SettingsValidationException>(() => service.SaveAsync(bad, TestContext.Current.CancellationToken));

        Assert.Equal(["PullInterval", "DailyCreditBudget"], ex.Failures.Select(f => f.Field));
        Assert.Equal(TimeSpan.FromMinutes(1), service.GetCurrent().PullInterval);
    }

    [Fact]
    public void The_pull_schedule_follows_a_changed_interval_from_the_last_run()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var clock = new SyncClock(time);
        Assert.True(clock.IsDue("pull", TimeSpan.FromHours(1), runAtStart: true));
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.False(clock.IsDue("pull", TimeSpan.FromHours(1)));

        // The interval is shortened on the Settings page: due as soon as 10 s have passed since the last run.
        Assert.True(clock.IsDue("pull", TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(clock.IsDue("pull", TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(clock.IsDue("pull", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Bulk_resolution_by_local_wins_settles_every_held_lead()
    {
        var a = await ctx.CreateLeadAsync("A", "a@example.com", company: "A local");
        var b = await ctx.CreateLeadAsync("B", "b@example.com", company: "B local");
        await ctx.HoldConflictAsync(a.Id, "Company", "A old", "A zoho");
        await ctx.HoldConflictAsync(b.Id, "Company", "B old", "B zoho");

        var result = await ctx.Get<ConflictBulkResolver>().ResolveAllAsync(ConflictPolicy.LocalWins, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((2, 0), (result.Resolved, result.Failures.Count));
        Assert.Equal(0, (await ctx.Get<ConflictQueries>().GetOpenAsync(0, 10, TestContext.Current.CancellationToken)).TotalCount);
        Assert.Equal("A local", (await ctx.Queries.FindAsync(a.Id, TestContext.Current.CancellationToken))!.Company);
    }

    [Fact]
    public async Task Test_connection_without_live_credentials_says_what_to_enter()
    {
        await ctx.Get<ZohoConnectionService>().SaveAsync(new ZohoConnectionUpdate(ZohoMode.Live, ZohoDataCenter.EU, null), TestContext.Current.CancellationToken);

        var result = await ctx.Get<ZohoConnectionService>().TestAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(("MISSING_CREDENTIALS", "https://accounts.zoho.eu"), (result.Code, result.AccountsUrl));
        Assert.Contains("client id, client secret and refresh token", result.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_to_an_unreachable_host_reports_the_network_problem()
    {
        // Sandbox mode at App:PublicUrl http://127.0.0.1:9/ where nothing listens.
        await ctx.Get<ZohoConnectionService>().SaveAsync(new ZohoConnectionUpdate(ZohoMode.Sandbox, ZohoDataCenter.US, null), TestContext.Current.CancellationToken);

        var result = await ctx.Get<ZohoConnectionService>().TestAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("CONNECTION_FAILED", result.Code);
        Assert.Contains("could not be reached", result.Advice, StringComparison.Ordinal);
    }
}
