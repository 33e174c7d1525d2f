namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// One CSV import, stored so it survives a page reload and a restart: what was uploaded and how to read it (mapping,
/// existing-email policy), how far it got (<see cref="ProcessedRows"/>, committed with each batch, so a resume starts
/// exactly after the last committed batch) and what it did. The file itself waits in <see cref="ImportJobFile"/> until
/// the job ends. A running job holds a lease (<see cref="LeaseUntil"/>), renewed with each batch; a job whose lease has
/// run out (its process stopped) is picked up again by any instance.
/// </summary>
public sealed class ImportJob
{
    public const int FileNameMaxLength = 260;
    public const int CreatedByMaxLength = 256;
    public const int ErrorMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string FileName { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public ImportJobState State { get; set; } = ImportJobState.Queued;

    /// <summary>The file's header names (the refused-rows CSV repeats them).</summary>
    public string HeadersJson { get; set; } = "[]";

    /// <summary>The <see cref="ImportMapping"/> chosen, as JSON.</summary>
    public string MappingJson { get; set; } = "[]";

    public ExistingEmailPolicy ExistingEmail { get; set; }

    public int TotalRows { get; set; }

    /// <summary>Data rows handled so far, in file order: the next batch starts after them.</summary>
    public int ProcessedRows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int Refused { get; set; }

    /// <summary>Set by a person; the runner (on whichever instance) reads it between batches.</summary>
    public bool CancelRequested { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Until when the instance running it owns it; null when nobody does.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? RunnerInstance { get; set; }

    public bool IsFinished => State is ImportJobState.Completed or ImportJobState.Cancelled or ImportJobState.Failed or ImportJobState.Interrupted;
}
