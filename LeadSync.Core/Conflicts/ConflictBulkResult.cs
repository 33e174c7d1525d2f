namespace LeadSync.Core.Conflicts;

/// <summary>
/// What a bulk resolution did: how many leads were settled, why each of the others was not, and the last
/// ResolveConflict run (null when none was settled).
/// </summary>
public sealed record ConflictBulkResult(int Resolved, IReadOnlyList<ConflictBulkFailure> Failures, Guid? LastRunId)
{
    public int Failed => Failures.Count;

    /// <summary>The first failure's reason, or null when none failed.</summary>
    public string? FirstError => Failures.Count > 0 ? Failures[0].Message : null;
}
