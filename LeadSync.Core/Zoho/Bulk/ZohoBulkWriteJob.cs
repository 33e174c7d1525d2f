namespace LeadSync.Core.Zoho.Bulk;

/// <summary>A Bulk Write job as Zoho reports it (§6.2): its id, state, result address once finished, and row counts.</summary>
public sealed record ZohoBulkWriteJob(string Id, ZohoBulkJobState State, string? DownloadUrl)
{
    public int Added { get; init; }

    public int Updated { get; init; }

    public int Skipped { get; init; }

    public int Total { get; init; }

    /// <summary>True once Zoho will not change the job any more.</summary>
    public bool Finished => State is ZohoBulkJobState.Completed or ZohoBulkJobState.Failed;

    /// <summary>Reads Zoho's spelling of a state (<c>IN PROGRESS</c>, <c>COMPLETED</c>, …); anything naming a failure is <see cref="ZohoBulkJobState.Failed"/>.</summary>
    public static ZohoBulkJobState ParseState(string? state) => state?.Trim().ToUpperInvariant() switch
    {
        "ADDED" => ZohoBulkJobState.Added,
        "QUEUED" => ZohoBulkJobState.Queued,
        "IN PROGRESS" or "IN_PROGRESS" or "INPROGRESS" => ZohoBulkJobState.InProgress,
        "COMPLETED" => ZohoBulkJobState.Completed,
        { } s when s.Contains("FAIL", StringComparison.Ordinal) => ZohoBulkJobState.Failed,
        _ => throw new FormatException($"Unknown bulk job state '{state}'."),
    };
}
