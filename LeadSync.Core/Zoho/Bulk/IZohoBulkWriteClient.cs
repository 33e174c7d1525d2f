namespace LeadSync.Core.Zoho.Bulk;

/// <summary>
/// Zoho's Bulk Write API (docs/zoho §6.2): upload a ZIP of one CSV to the data centre's file host, create a job that
/// writes it, follow the job, download its per-row result. Failures are <see cref="ZohoApiException"/>s like every other
/// call (429, 5xx, token expiry, lost answers); creating a job is never retried once it may have reached Zoho.
/// </summary>
public interface IZohoBulkWriteClient
{
    /// <summary>Uploads a ZIP holding one CSV (at most 25,000 rows, 25 MB) and returns Zoho's <c>file_id</c>.</summary>
    Task<string> UploadBulkFileAsync(ZohoBulkFile file, CancellationToken cancellationToken = default);

    /// <summary>Creates a write job for an uploaded file (500 credits, §4.2). Not repeated after an ambiguous failure.</summary>
    Task<ZohoBulkWriteJob> CreateBulkWriteJobAsync(ZohoBulkWriteRequest request, CancellationToken cancellationToken = default);

    /// <summary>The job as Zoho reports it now: its state, counts and, once finished, where its result is.</summary>
    Task<ZohoBulkWriteJob> GetBulkWriteJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a finished job's result: a ZIP holding one CSV with a status per row (§6.2).</summary>
    Task<byte[]> DownloadBulkWriteResultAsync(ZohoBulkWriteJob job, CancellationToken cancellationToken = default);
}
