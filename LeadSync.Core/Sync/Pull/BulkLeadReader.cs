using LeadSync.Core.Data;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The pull of many records through Zoho's Bulk Read (§6.1): one job per 200,000 records (<c>page_token</c> past the
/// first), each result's CSV streamed into pages of <see cref="PageSize"/> that go through the same
/// <see cref="PullPageApplier"/> (and so the same three-way merge) as record-API pages. A job's result is not sorted
/// by Modified_Time, so the watermark moves only once every job is applied — and never past the moment the first job
/// was created; a stop mid-file leaves it where it was and the next pull re-reads (applying a version twice changes
/// nothing). Also decides, from a first record-API page, whether a pull is big enough to read in bulk.
/// </summary>
public sealed partial class BulkLeadReader(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoBulkReadClient bulk,
    PullPageApplier pages,
    SyncRunRecorder runs,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<BulkLeadReader> logger)
{
    /// <summary>Records applied per unit of work.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// True when the pull that <paramref name="first"/> starts holds more than <c>Sync:BulkReadThreshold</c> records:
    /// the page alone shows it, or, when more pages follow, Zoho's record count since <paramref name="since"/> (1 credit).
    /// A count Zoho refuses keeps the record API (logged).
    /// </summary>
    internal async Task<bool> ShouldReadAsync(ZohoLeadPage first, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var threshold = options.CurrentValue.BulkReadThreshold;
        if (first.Records.Count > threshold)
        {
            return true;
        }

        if (!first.MoreRecords)
        {
            return false;
        }

        try
        {
            return await bulk.CountLeadsAsync(since, cancellationToken) > threshold;
        }
        catch (ZohoApiException ex) when (!ex.IsAuthorizationProblem && !ex.IsTransient)
        {
            LogCountRefused(ex.Code);
            return false;
        }
    }

    /// <summary>Reads every record modified after <paramref name="since"/> (all when null), applies them, then moves the watermarks.</summary>
    internal async Task ReadAsync(SyncRunContext run, DateTimeOffset? since, ChainProgress progress, CancellationToken cancellationToken)
    {
        // Each page is read and merged while the one before it is saved (PullPagePipeline).
        await using var pipeline = new PullPagePipeline(pages, run);
        var firstJobCreated = await ForEachPageAsync(new ZohoBulkReadQuery { ModifiedAfter = since }, (page, token) =>
            pipeline.AddAsync(page, null, () =>
            {
                progress.Applied(page.Max(r => r.ModifiedTime));
                run.AddProcessed(page.Count);
                runs.Progress(run);
            }, token), cancellationToken);
        await pipeline.FlushAsync();
        progress.Answered(firstJobCreated);
        await AdvanceWatermarksAsync(progress, firstJobCreated, cancellationToken);
    }

    /// <summary>
    /// Runs the read jobs <paramref name="query"/> needs (one per 200,000 records, following <c>page_token</c>) and hands
    /// each result's rows to <paramref name="handle"/> in pages of <see cref="PageSize"/>, in file order, one file at a
    /// time. Returns Zoho's clock when the first job was created.
    /// </summary>
    public async Task<DateTimeOffset?> ForEachPageAsync(
        ZohoBulkReadQuery query, Func<List<ZohoLead>, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(handle);
        DateTimeOffset? firstJobCreated = null;
        while (true)
        {
            var job = await CompletedJobAsync(query, cancellationToken);
            firstJobCreated ??= job.ServerTime;
            using (var file = await bulk.DownloadReadResultAsync(job.Id, cancellationToken))
            {
                await HandleFileAsync(file, handle, cancellationToken);
            }

            if (!job.MoreRecords)
            {
                return firstJobCreated;
            }

            query = job.NextPageToken is { } token ? query with { PageToken = token } : query with { Page = job.Page + 1 };
        }
    }

    /// <summary>Creates the job and follows it until Zoho completes it; a failed job fails the pull.</summary>
    private async Task<ZohoBulkReadJob> CompletedJobAsync(ZohoBulkReadQuery query, CancellationToken cancellationToken)
    {
        var created = await bulk.CreateReadJobAsync(query, cancellationToken);
        var job = created;
        while (!job.IsCompleted)
        {
            if (job.IsFailed)
            {
                throw new ZohoApiException(
                    ZohoFailureKind.Permanent,
                    new ZohoRecordError("BULK_READ_FAILED", $"Zoho's Bulk Read job {job.Id} ended in state {job.State}."),
                    System.Net.HttpStatusCode.OK);
            }

            await Task.Delay(options.CurrentValue.BulkReadPollInterval, clock, cancellationToken);
            job = await bulk.GetReadJobAsync(created.Id, cancellationToken);
        }

        LogJobCompleted(job.Id, job.Count, job.MoreRecords);
        return job with { ServerTime = created.ServerTime };
    }

    private static async Task HandleFileAsync(ZohoBulkReadFile file, Func<List<ZohoLead>, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var page = new List<ZohoLead>(PageSize);
        foreach (var record in file.ReadLeads())
        {
            if (record.Id is null)
            {
                continue;
            }

            page.Add(record);
            if (page.Count == PageSize)
            {
                await handle(page, cancellationToken);
                page = new List<ZohoLead>(PageSize);
            }
        }

        if (page.Count > 0)
        {
            await handle(page, cancellationToken);
        }
    }

    /// <summary>
    /// Every job is applied: the watermark moves to the latest Modified_Time applied, capped at Zoho's clock when the
    /// first job was created (a record changed during the read may have been exported in its older version), and the
    /// read-through point to that moment minus the overlap.
    /// </summary>
    private async Task AdvanceWatermarksAsync(ChainProgress progress, DateTimeOffset? firstJobCreated, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (progress.LastApplied is { } last)
        {
            var mark = firstJobCreated is { } cap && cap < last ? cap : last;
            await PullWatermarks.AdvanceAsync(db, SyncWatermark.Leads, mark, now, cancellationToken);
        }

        if (firstJobCreated is { } started)
        {
            await PullWatermarks.AdvanceAsync(db, SyncWatermark.LeadsReadThrough, started - options.CurrentValue.PullOverlap, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho refused the record count ({Code}); this pull reads record-API pages")]
    private partial void LogCountRefused(string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho Bulk Read job {JobId} completed: {Count} records, more records: {MoreRecords}")]
    private partial void LogJobCompleted(string jobId, long count, bool moreRecords);
}
