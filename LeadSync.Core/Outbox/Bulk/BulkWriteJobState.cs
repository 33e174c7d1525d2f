namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Where one Bulk Write job stands in LeadSync (docs/zoho §6.2). It is stored before each step that talks to Zoho, so a
/// restart knows what may have happened: <see cref="Submitting"/> found after a restart means the create call may have
/// reached Zoho, and the job is never created a second time (<see cref="Unknown"/>).
/// </summary>
public enum BulkWriteJobState
{
    /// <summary>Rows chosen and stored; the file is being written and uploaded (nothing exists in Zoho that can run).</summary>
    Uploading,

    /// <summary>The file is uploaded; the create call is about to go or is in flight.</summary>
    Submitting,

    /// <summary>Zoho answered with its job id: followed by callback or polling until it finishes.</summary>
    Submitted,

    /// <summary>Zoho finished the job: its per-row result is being applied (<see cref="BulkWriteJob.RowsApplied"/> so far).</summary>
    Applying,

    /// <summary>The create call's answer was lost: the job may or may not exist. Waits for its callback, then settles as lost creates.</summary>
    Unknown,

    Done,

    /// <summary>Zoho refused or failed the job as a whole: every row went back to the outbox to be tried again.</summary>
    Failed,
}
