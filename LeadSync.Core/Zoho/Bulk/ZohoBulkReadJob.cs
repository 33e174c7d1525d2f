namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// A Bulk Read job as Zoho reports it (§6.1): its state (<c>ADDED → QUEUED → IN PROGRESS → COMPLETED</c>, or a failure
/// state) and, once completed, what its result holds and whether more records follow (<see cref="NextPageToken"/>).
/// </summary>
public sealed record ZohoBulkReadJob(string Id, string State)
{
    public const string Completed = "COMPLETED";

    /// <summary>Zoho's clock when it answered (its <c>Date</c> header), if it sent one.</summary>
    public DateTimeOffset? ServerTime { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>Records in this job's result (known once completed).</summary>
    public long Count { get; init; }

    public int Page { get; init; } = 1;

    public bool MoreRecords { get; init; }

    public string? NextPageToken { get; init; }

    public bool IsCompleted => State == Completed;

    /// <summary>Any state other than the four of a job on its way (Zoho's failure state name is not documented, §6.1).</summary>
    public bool IsFailed => State is not ("ADDED" or "QUEUED" or "IN PROGRESS" or Completed);
}
