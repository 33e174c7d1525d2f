using LeadSync.Core.Conflicts;

namespace LeadSync.Core.Sync.Merge;

/// <summary>One field changed on both sides; <see cref="Resolution"/> is Local, Zoho or Pending (never Superseded).</summary>
public sealed record FieldConflict(string Field, string? AgreedValue, string? LocalValue, string? ZohoValue, ConflictResolution Resolution);
