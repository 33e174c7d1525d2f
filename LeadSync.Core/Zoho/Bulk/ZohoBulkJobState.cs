namespace LeadSync.Core.Zoho.Bulk;

/// <summary>A bulk job's state as Zoho names it (§6): <c>ADDED → QUEUED → IN PROGRESS → COMPLETED</c>, or a failure.</summary>
public enum ZohoBulkJobState
{
    Added,
    Queued,
    InProgress,
    Completed,

    /// <summary>Zoho gave up on the job (its exact name is UNCONFIRMED; any state naming a failure maps here).</summary>
    Failed,
}
