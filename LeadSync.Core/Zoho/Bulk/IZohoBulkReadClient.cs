namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// Zoho's Bulk Read API for Leads (§6.1) and the record count (1 credit): what a pull of many records uses instead of
/// 200-record pages. A job costs 50 credits; its result is a ZIP holding one CSV, downloaded to a temporary file and
/// read row by row. Failures throw <see cref="ZohoApiException"/> like every other Zoho call; a download's 429 (10 a
/// minute) is retried with the client's backoff.
/// </summary>
public interface IZohoBulkReadClient
{
    /// <summary>Creates a read job (50 credits).</summary>
    Task<ZohoBulkReadJob> CreateReadJobAsync(ZohoBulkReadQuery query, CancellationToken cancellationToken = default);

    /// <summary>The job's state and, once completed, its result's count and paging.</summary>
    Task<ZohoBulkReadJob> GetReadJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a completed job's result to a temporary file, deleted when the returned file is disposed.</summary>
    Task<ZohoBulkReadFile> DownloadReadResultAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>How many Leads Zoho holds, or only those modified after <paramref name="modifiedAfter"/> (1 credit).</summary>
    Task<long> CountLeadsAsync(DateTimeOffset? modifiedAfter, CancellationToken cancellationToken = default);
}
