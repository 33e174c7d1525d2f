namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>Where an import job stands (stored by name in <c>ImportJobs.State</c>).</summary>
public enum ImportJobState
{
    /// <summary>Stored, not picked up yet.</summary>
    Queued,

    /// <summary>Batches are being written; <see cref="ImportJob.ProcessedRows"/> says how far.</summary>
    Running,

    /// <summary>Every row was handled (created, updated, skipped or refused).</summary>
    Completed,

    /// <summary>A person cancelled it; the batches committed before stay.</summary>
    Cancelled,

    /// <summary>An unexpected error stopped it (<see cref="ImportJob.Error"/>); the batches committed before stay.</summary>
    Failed,

    /// <summary>It could not be resumed after a restart (its file was gone); the batches committed before stay.</summary>
    Interrupted,
}
