namespace LeadSync.Core.Monitoring;

/// <summary>What one run adds to the activity chart: when it started, the records it synced and the errors it met.</summary>
public sealed record RunActivity(DateTimeOffset StartedAt, int RecordsSynced, int Errors);
