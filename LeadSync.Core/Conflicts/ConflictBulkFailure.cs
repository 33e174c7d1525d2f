namespace LeadSync.Core.Conflicts;

/// <summary>A lead a bulk resolution could not settle, and the reason.</summary>
public sealed record ConflictBulkFailure(Guid LeadId, string Message);
