namespace LeadSync.Core.Leads;

/// <summary>The last error Zoho (or the engine) reported for a lead.</summary>
public sealed record SyncError(string Code, string? Field, string Message);
