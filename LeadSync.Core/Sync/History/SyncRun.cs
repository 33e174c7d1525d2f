namespace LeadSync.Core.Sync.History;

/// <summary>One push drain, pull or resync: when, why, what it did, and what it cost in Zoho calls and credits.</summary>
public sealed class SyncRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public SyncRunKind Kind { get; set; }

    public SyncTrigger Trigger { get; set; }

    /// <summary>The instance that ran it.</summary>
    public string InstanceId { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Deleted { get; set; }

    public int Unchanged { get; set; }

    public int Conflicts { get; set; }

    public int Failed { get; set; }

    public int ApiCalls { get; set; }

    public int Credits { get; set; }

    /// <summary>
    /// The W3C trace id of the run's trace (32 hex digits), when traces were collected: the key to find the run's
    /// spans in a tracing backend. Null for runs made with tracing off.
    /// </summary>
    public string? TraceId { get; set; }

    /// <summary>Why the run stopped early, when it did.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// What a person should know about a run that is neither its counts nor an error: e.g. a Bulk Read left by an
    /// earlier pull could not be resumed and a new job was created (and why).
    /// </summary>
    public string? Note { get; set; }

    /// <summary>The application stopped before the run finished (a shutdown, not a failure); <see cref="Error"/> says so.</summary>
    public bool Interrupted { get; set; }
}
