namespace LeadSync.Core.Monitoring;

/// <summary>The activity chart of one <see cref="DashboardRange"/>: its buckets, oldest first.</summary>
public sealed record SyncActivity(DashboardRange Range, TimeSpan BucketSize, IReadOnlyList<SyncActivityPoint> Points)
{
    /// <summary>False when no run synced a record or met an error in the range: the chart shows an empty state instead.</summary>
    public bool HasActivity => Points.Any(p => !p.IsEmpty);

    /// <summary>The tallest bar (records or errors), at least 1 so a scale can divide by it.</summary>
    public int MaxValue => Math.Max(1, Points.Count == 0 ? 0 : Points.Max(p => Math.Max(p.RecordsSynced, p.Errors)));
}
