namespace LeadSync.Core.Monitoring;

/// <summary>A Zoho record a pull run could not apply.</summary>
public sealed record SyncRunPullErrorItem(long Id, string ZohoId, DateTimeOffset At, string Code, string? Field, string Message);
