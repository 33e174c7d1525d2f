namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// One Bulk Write job of a bulk push (table <c>BulkWriteJobs</c>): stored with its rows before anything goes to Zoho
/// and saved at each step, so a job in flight survives a restart (polling resumes) and is never submitted twice.
/// </summary>
public sealed class BulkWriteJob
{
    public const int ErrorMaxLength = 1000;

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The push run the job belongs to (its progress, counts and credits).</summary>
    public Guid RunId { get; set; }

    public BulkWriteJobState State { get; set; }

    /// <summary>Zoho's <c>file_id</c> of the uploaded ZIP.</summary>
    public string? FileId { get; set; }

    /// <summary>Zoho's job id, once the create call answered (or its callback named it).</summary>
    public string? ZohoJobId { get; set; }

    /// <summary>The job's state as Zoho last reported it (ADDED, QUEUED, IN PROGRESS, COMPLETED, FAILED).</summary>
    public string? ZohoState { get; set; }

    /// <summary>SHA-256 (hex) of the job's callback token; the token itself is only in the callback address Zoho holds.</summary>
    public string CallbackTokenHash { get; set; } = "";

    public int Rows { get; set; }

    public int RowsUploaded { get; set; }

    public int RowsApplied { get; set; }

    public int RowsFailed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the create call was sent (the rows may exist in Zoho from then on).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When a callback for the job last arrived (null: none yet).</summary>
    public DateTimeOffset? CallbackAt { get; set; }

    public string? Error { get; set; }

    /// <summary>The instance following the job, until <see cref="FollowedUntil"/>; after that any instance resumes it.</summary>
    public string? FollowedBy { get; set; }

    public DateTimeOffset? FollowedUntil { get; set; }

    public bool IsFinished => State is BulkWriteJobState.Done or BulkWriteJobState.Failed;
}
