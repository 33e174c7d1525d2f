using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Conflicts;

/// <summary>A recorded conflict as the API lists it: the run that met it, the three values, and how it was resolved.</summary>
public sealed record ConflictListItem(
    long Id, Guid LeadId, Guid? RunId, string Field, string? AgreedValue, string? LocalValue, string? ZohoValue,
    ConflictResolution Resolution, ConflictPolicy Policy, DateTimeOffset At, DateTimeOffset? ResolvedAt);
