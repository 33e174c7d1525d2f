namespace LeadSync.Core.Monitoring;

/// <summary>
/// The buckets of the activity chart for a range: 1 hour in 12 buckets of 5 minutes, 24 hours in 24 of an hour, 7 days in
/// 28 of 6 hours (starting 00:00, 06:00, 12:00, 18:00 UTC). Buckets are aligned to their size in UTC; the last one holds
/// "now", so the window is [<see cref="From"/>, <see cref="To"/>) and ends at most one bucket after now.
/// </summary>
public sealed record ActivityWindow(DashboardRange Range, DateTimeOffset From, TimeSpan BucketSize, int BucketCount)
{
    public DateTimeOffset To => From + (BucketSize * BucketCount);

    public static ActivityWindow For(DashboardRange range, DateTimeOffset now)
    {
        var (size, count) = range switch
        {
            DashboardRange.LastHour => (TimeSpan.FromMinutes(5), 12),
            DashboardRange.Last24Hours => (TimeSpan.FromHours(1), 24),
            DashboardRange.Last7Days => (TimeSpan.FromHours(6), 28),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
        };
        var utcTicks = now.UtcTicks;
        var current = new DateTimeOffset(utcTicks - (utcTicks % size.Ticks), TimeSpan.Zero);
        return new ActivityWindow(range, current - (size * (count - 1)), size, count);
    }

    /// <summary>Sums each run into the bucket its start falls in; runs outside the window are left out.</summary>
    public SyncActivity Tally(IEnumerable<RunActivity> runs)
    {
        var synced = new int[BucketCount];
        var errors = new int[BucketCount];
        foreach (var run in runs.Where(r => r.StartedAt >= From && r.StartedAt < To))
        {
            var index = (int)((run.StartedAt - From).Ticks / BucketSize.Ticks);
            synced[index] += run.RecordsSynced;
            errors[index] += run.Errors;
        }

        var points = Enumerable.Range(0, BucketCount).Select(i =>
        {
            var start = From + (BucketSize * i);
            return new SyncActivityPoint(start, start + BucketSize, synced[i], errors[i]);
        }).ToList();
        return new SyncActivity(Range, BucketSize, points);
    }
}
