namespace LeadSync.Core.Monitoring;

/// <summary>One hour of the dashboard chart: records synced and errors by runs that started in that hour (UTC).</summary>
public sealed record HourlySyncPoint(DateTimeOffset HourStart, int RecordsSynced, int Errors);
