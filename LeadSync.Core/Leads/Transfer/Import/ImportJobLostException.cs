namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The job's progress moved under this runner (another instance took it over after this one's lease ran out): this
/// runner's batch was rolled back and it stops, leaving the job to its new holder.
/// </summary>
public sealed class ImportJobLostException(Guid jobId) : Exception($"Import job {jobId} is run by another instance (or another run of this one) now.")
{
    public Guid JobId { get; } = jobId;
}
