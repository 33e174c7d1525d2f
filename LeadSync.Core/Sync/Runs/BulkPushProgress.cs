namespace LeadSync.Core.Sync.Runs;

/// <summary>
/// Where the leads of one person's push stand now, each counted exactly once: <see cref="Synced"/> since,
/// <see cref="Queued"/> (waiting or in flight, whichever run takes them), <see cref="Failed"/> (Zoho refused, or retries
/// ran out), <see cref="InConflict"/> (held for a person), <see cref="Deleted"/> meanwhile. <see cref="Runs"/> are the
/// push runs that sent any of them (the push's own first); <see cref="RunError"/> why the push's own run stopped early,
/// when it did. Read by the console's progress and summary and by
/// <c>GET /api/sync/push/{runId}</c>.
/// </summary>
public sealed record BulkPushProgress(
    Guid RunId,
    DateTimeOffset StartedAt,
    bool RunFinished,
    int Selected,
    int Synced,
    int Queued,
    int Failed,
    int InConflict,
    int Deleted,
    IReadOnlyList<Guid> Runs,
    string? RunError = null)
{
    /// <summary>The selected leads with an outcome (everything but <see cref="Queued"/>).</summary>
    public int Settled => Selected - Queued;

    /// <summary>
    /// Nothing selected waits any more, and the push's own run has finished (while it runs, an "all matching" selection
    /// may still be being read a chunk at a time, so more leads may join <see cref="Selected"/>).
    /// </summary>
    public bool IsDone => Queued == 0 && RunFinished;
}
