using LeadSync.Core.Monitoring;

namespace LeadSync.Tests.Core.Monitoring;

public sealed class ActivityWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 14, 37, 20, TimeSpan.Zero); // a Wednesday

    [Fact]
    public void Last_hour_is_12_buckets_of_5_minutes_ending_with_the_one_that_holds_now()
    {
        var window = ActivityWindow.For(DashboardRange.LastHour, Now);

        Assert.Equal(TimeSpan.FromMinutes(5), window.BucketSize);
        Assert.Equal(12, window.BucketCount);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 13, 40, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 14, 40, 0, TimeSpan.Zero), window.To);
    }

    [Fact]
    public void Last_24_hours_is_24_buckets_of_an_hour_aligned_to_the_hour()
    {
        var window = ActivityWindow.For(DashboardRange.Last24Hours, Now);

        Assert.Equal(TimeSpan.FromHours(1), window.BucketSize);
        Assert.Equal(24, window.BucketCount);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero), window.To);
    }

    [Fact]
    public void Last_7_days_is_28_buckets_of_6_hours_starting_at_0_6_12_and_18_utc()
    {
        var window = ActivityWindow.For(DashboardRange.Last7Days, Now);

        Assert.Equal(TimeSpan.FromHours(6), window.BucketSize);
        Assert.Equal(28, window.BucketCount);
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 18, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 18, 0, 0, TimeSpan.Zero), window.To);
        Assert.All(window.Tally([]).Points, p => Assert.Equal(0, p.Start.Hour % 6));
    }

    [Fact]
    public void A_time_in_another_offset_is_bucketed_in_utc()
    {
        var paris = Now.ToOffset(TimeSpan.FromHours(1));

        Assert.Equal(ActivityWindow.For(DashboardRange.Last24Hours, Now), ActivityWindow.For(DashboardRange.Last24Hours, paris));
    }

    [Fact]
    public void Runs_land_in_the_bucket_their_start_falls_in_with_a_boundary_opening_the_next_bucket()
    {
        var window = ActivityWindow.For(DashboardRange.LastHour, Now);
        var at1400 = new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);

        var activity = window.Tally(
        [
            new RunActivity(at1400.AddTicks(-1), 1, 0), // 13:55 bucket
            new RunActivity(at1400, 10, 0), // 14:00 bucket (start inclusive)
            new RunActivity(at1400.AddMinutes(4).AddSeconds(59), 5, 2), // still 14:00
            new RunActivity(Now, 100, 1), // 14:35, the last bucket
        ]);

        var byStart = activity.Points.ToDictionary(p => p.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((1, 0), (byStart["13:55"].RecordsSynced, byStart["13:55"].Errors));
        Assert.Equal((15, 2), (byStart["14:00"].RecordsSynced, byStart["14:00"].Errors));
        Assert.Equal((100, 1), (activity.Points[^1].RecordsSynced, activity.Points[^1].Errors));
        Assert.Equal(at1400.AddMinutes(5), byStart["14:00"].End);
        Assert.Equal(116, activity.Points.Sum(p => p.RecordsSynced));
        Assert.True(activity.HasActivity);
        Assert.Equal(100, activity.MaxValue);
    }

    [Fact]
    public void Runs_outside_the_window_are_left_out()
    {
        var window = ActivityWindow.For(DashboardRange.Last24Hours, Now);

        var activity = window.Tally([new RunActivity(window.From.AddTicks(-1), 7, 1), new RunActivity(window.To, 3, 0)]);

        Assert.All(activity.Points, p => Assert.True(p.IsEmpty));
        Assert.False(activity.HasActivity);
        Assert.Equal(1, activity.MaxValue);
    }

    [Fact]
    public void Seven_days_add_up_each_six_hours_and_keep_every_day_in_the_window()
    {
        var window = ActivityWindow.For(DashboardRange.Last7Days, Now);
        var runs = Enumerable.Range(0, 7 * 24).Select(h => new RunActivity(window.From.AddHours(h).AddMinutes(30), 1, h % 6 == 5 ? 1 : 0));

        var activity = window.Tally(runs);

        Assert.Equal(28, activity.Points.Count);
        Assert.All(activity.Points, p => Assert.Equal((6, 1), (p.RecordsSynced, p.Errors)));
        Assert.Equal(window.To, activity.Points[^1].End);
        Assert.Equal(DashboardRange.Last7Days, activity.Range);
    }
}
