namespace LeadSync.Core.Monitoring;

/// <summary>
/// Failed leads sharing one Zoho error code and field: how many, how many of them are dead-lettered, and one of their
/// messages (they normally say the same thing).
/// </summary>
public sealed record FailureGroup(string Code, string? Field, string Message, int Count, int DeadLettered, DateTimeOffset LastUpdatedAt);
