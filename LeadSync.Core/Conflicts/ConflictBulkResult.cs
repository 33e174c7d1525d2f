namespace LeadSync.Core.Conflicts;

/// <summary>What a bulk resolution did: how many leads were settled, and why each of the others was not.</summary>
public sealed record ConflictBulkResult(int Resolved, IReadOnlyList<ConflictBulkFailure> Failures);
