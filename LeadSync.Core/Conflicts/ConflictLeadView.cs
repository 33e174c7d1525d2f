namespace LeadSync.Core.Conflicts;

/// <summary>A lead held in Conflict (Manual policy) with its conflicting fields side by side.</summary>
public sealed record ConflictLeadView(
    Guid LeadId, string Name, string Email, string? ZohoId, DateTimeOffset DetectedAt, DateTimeOffset LocalUpdatedAt,
    DateTimeOffset? ZohoModifiedTime, IReadOnlyList<ConflictFieldView> Fields);
