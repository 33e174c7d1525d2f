namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The Bulk Read of one pull (table <c>BulkReadJobs</c>, docs/zoho §6.1): the Zoho job in flight, the query it was made
/// with and how many rows of its result are applied, saved with each applied page. A restart — or a pull that failed
/// mid-read — leaves it <see cref="BulkReadJobState.Reading"/>, and the next pull follows the same job instead of
/// paying 50 credits for a new one and re-reading every record.
/// </summary>
public sealed class BulkReadJob
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The pull run following the read now (the one that started it, or the one that resumed it).</summary>
    public Guid RunId { get; set; }

    public BulkReadJobState State { get; set; }

    /// <summary>The criteria's lower bound: records modified after this (null: every record, a full read).</summary>
    public DateTimeOffset? ModifiedAfter { get; set; }

    /// <summary>Zoho's id of the job whose result is being read.</summary>
    public string ZohoJobId { get; set; } = "";

    /// <summary>The job's page (1 for the first 200,000 records; §6.1).</summary>
    public int Page { get; set; } = 1;

    /// <summary>The <c>page_token</c> the job was created with (null for the first job).</summary>
    public string? PageToken { get; set; }

    /// <summary>The job's state as Zoho last reported it.</summary>
    public string? ZohoState { get; set; }

    /// <summary>Rows of the job's result file applied so far, in file order: a resumed read skips them.</summary>
    public int RowsApplied { get; set; }

    /// <summary>Zoho jobs this read has created (50 credits each).</summary>
    public int Jobs { get; set; }

    /// <summary>Zoho's clock when the read's first job was created: the watermark never moves past it.</summary>
    public DateTimeOffset? FirstJobCreatedAt { get; set; }

    /// <summary>The latest Modified_Time applied by this read (the watermark once every job is applied).</summary>
    public DateTimeOffset? LastModifiedApplied { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why a read was replaced by a new job (its result expired, the job failed, a full read took over).</summary>
    public string? Note { get; set; }

    /// <summary>True when this read's records include every record modified after <paramref name="since"/>.</summary>
    public bool Covers(DateTimeOffset? since) => ModifiedAfter is null || (since is not null && ModifiedAfter <= since);
}
