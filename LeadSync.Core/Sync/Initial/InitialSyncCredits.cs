namespace LeadSync.Core.Sync.Initial;

/// <summary>
/// What an initial sync is expected to cost in Zoho API credits (§4.2, §6): the pull through Bulk Read jobs (50 per
/// 200,000 records, plus the deleted-records list), and the push — Bulk Write jobs (500 per 25,000 rows) above
/// <c>Sync:BulkWriteThreshold</c>, the record API (1 credit per 10 records) at or below it.
/// </summary>
public sealed record InitialSyncCredits(int ReadJobs, int PullCredits, int PushRows, bool PushInBulk, int PushCalls, int PushCredits)
{
    public const int ReadJobCredits = 50;
    public const int RecordsPerReadJob = 200_000;
    public const int WriteJobCredits = 500;
    public const int RowsPerWriteJob = 25_000;

    /// <summary>The first page of the deleted-records list a pull reads after the bulk read (§2.8: 2 credits a page).</summary>
    public const int DeletedListCredits = 2;

    public int Total => PullCredits + PushCredits;

    /// <summary>The credits of a run that reads <paramref name="zohoRecords"/> and pushes <paramref name="pushRows"/> leads.</summary>
    public static InitialSyncCredits Estimate(long zohoRecords, int pushRows, int bulkWriteThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zohoRecords);
        ArgumentOutOfRangeException.ThrowIfNegative(pushRows);
        var readJobs = (int)Math.Max(1, (zohoRecords + RecordsPerReadJob - 1) / RecordsPerReadJob);
        var pullCredits = readJobs * ReadJobCredits + DeletedListCredits;
        var inBulk = pushRows > bulkWriteThreshold;
        var pushCalls = inBulk ? Ceiling(pushRows, RowsPerWriteJob) : Ceiling(pushRows, SyncOptions.BatchSize);
        var pushCredits = inBulk ? pushCalls * WriteJobCredits : Ceiling(pushRows, 10);
        return new InitialSyncCredits(readJobs, pullCredits, pushRows, inBulk, pushCalls, pushCredits);
    }

    private static int Ceiling(int value, int by) => (value + by - 1) / by;
}
