namespace LeadSync.Core.Monitoring;

/// <summary>
/// One bar of the dashboard chart: records synced and errors by runs that started in [<see cref="Start"/>, <see cref="End"/>) (UTC).
/// </summary>
public sealed record SyncActivityPoint(DateTimeOffset Start, DateTimeOffset End, int RecordsSynced, int Errors)
{
    public bool IsEmpty => RecordsSynced == 0 && Errors == 0;
}
