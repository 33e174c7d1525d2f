namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Another instance follows the Bulk Write job now: this instance's follow lease ran out (it stalled longer than the
/// lease) and the resumer of another instance took the job. The job's state is that instance's to write; this one
/// stops following it without writing anything more (docs/zoho §6.5, "Crash safety").
/// </summary>
public sealed class BulkWriteJobTakenException(Guid jobId)
    : InvalidOperationException($"Bulk Write job {jobId} is followed by another instance now.")
{
    public Guid JobId { get; } = jobId;
}
