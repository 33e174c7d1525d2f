using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Conflicts;

/// <summary>A recorded conflict: lead, field, the three values, how it was resolved (Local, Zoho, Pending or Superseded) and when.</summary>
public sealed record ConflictHistoryItem(
    long Id, Guid LeadId, string? LeadName, string Field, string? AgreedValue, string? LocalValue, string? ZohoValue,
    ConflictResolution Resolution, ConflictPolicy Policy, DateTimeOffset At, DateTimeOffset? ResolvedAt);
