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
/// was created. The read is stored (<see cref="BulkReadJob"/>, with each page's save), so a pull stopped mid-read is
/// resumed by the next one: the same job, the rows not yet applied, then <c>page_token</c> onwards
/// (<c>BulkLeadReader.Resume.cs</c>). Also decides, from a first record-API page, whether a pull is big enough to read
/// in bulk.
/// </summary>
public sealed partial class BulkLeadReader(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoBulkReadClient bulk,
    PullPageApplier pages,
    BulkReadStore store,
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

    /// <summary>
    /// Reads every record modified after <paramref name="since"/> (all when null), applies them, then moves the
    /// watermarks — resuming the read an earlier pull left unfinished when it covers <paramref name="since"/>.
    /// </summary>
    internal async Task ReadAsync(SyncRunContext run, DateTimeOffset? since, ChainProgress progress, CancellationToken cancellationToken)
    {
        // Each page is read and merged while the one before it is saved (PullPagePipeline).
        await using var pipeline = new PullPagePipeline(pages, run);
        var (read, job, resumed) = await ResumeOrStartAsync(run, since, cancellationToken);
        progress.Applied(read.LastModifiedApplied);
        while (true)
        {
            if (!resumed || read.RowsApplied < job.Count) // a resumed job whose rows are all applied is not downloaded again
            {
                using var file = await DownloadAsync(run, read, job, resumed, cancellationToken);
                if (file is null)
                {
                    (read, job) = await StartAsync(run, since, read.LastModifiedApplied, cancellationToken);
                    resumed = false;
                    continue;
                }

                await HandleFileAsync(file, read.RowsApplied, ApplyPage(run, pipeline, read, progress), cancellationToken);
                await pipeline.FlushAsync(); // the next job is stored only after this file's last page
            }

            if (!job.MoreRecords)
            {
                break;
            }

            job = await NextJobAsync(read, job, cancellationToken);
            resumed = false;
        }

        progress.Answered(read.FirstJobCreatedAt);
        await AdvanceWatermarksAsync(progress, read, cancellationToken);
    }

    /// <summary>
    /// What a page of <paramref name="read"/>'s current result goes through: the pipeline, whose save also stores how far
    /// the file is applied (the page's end position) and the latest Modified_Time applied.
    /// </summary>
    private Func<List<ZohoLead>, int, CancellationToken, Task> ApplyPage(
        SyncRunContext run, PullPagePipeline pipeline, BulkReadJob read, ChainProgress progress) =>
        (page, position, token) =>
        {
            var pageMax = page.Max(r => r.ModifiedTime);
            read.LastModifiedApplied = Later(read.LastModifiedApplied, pageMax);
            read.RowsApplied = position;
            var (readId, last) = (read.Id, read.LastModifiedApplied);
            return pipeline.AddAsync(page, null, () =>
            {
                progress.Applied(pageMax);
                run.AddProcessed(page.Count);
                runs.Progress(run);
            }, token, db => store.MarkApplied(db, readId, position, last));
        };

    /// <summary>
    /// Runs the read jobs <paramref name="query"/> needs (one per 200,000 records, following <c>page_token</c>) and hands
    /// each result's rows to <paramref name="handle"/> in pages of <see cref="PageSize"/>, in file order, one file at a
    /// time. Returns Zoho's clock when the first job was created. Nothing is stored: a stop reads again from the start.
    /// </summary>
    public async Task<DateTimeOffset?> ForEachPageAsync(
        ZohoBulkReadQuery query, Func<List<ZohoLead>, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(handle);
        DateTimeOffset? firstJobCreated = null;
        while (true)
        {
            var created = await bulk.CreateReadJobAsync(query, cancellationToken);
            firstJobCreated ??= created.ServerTime;
            var job = Completed(await FollowAsync(created, null, cancellationToken));
            using (var file = await bulk.DownloadReadResultAsync(job.Id, cancellationToken))
            {
                await HandleFileAsync(file, 0, (page, _, token) => handle(page, token), cancellationToken);
            }

            if (!job.MoreRecords)
            {
                return firstJobCreated;
            }

            query = job.NextPageToken is { } token ? query with { PageToken = token } : query with { Page = job.Page + 1 };
        }
    }

    /// <summary>
    /// Hands the file's rows after the first <paramref name="skip"/> to <paramref name="handle"/> in pages of
    /// <see cref="PageSize"/>, with the position in the file (rows read) that the page ends at.
    /// </summary>
    private static async Task HandleFileAsync(
        ZohoBulkReadFile file, int skip, Func<List<ZohoLead>, int, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var page = new List<ZohoLead>(PageSize);
        var position = 0;
        foreach (var record in file.ReadLeads())
        {
            position++;
            if (position <= skip || record.Id is null)
            {
                continue;
            }

            page.Add(record);
            if (page.Count == PageSize)
            {
                await handle(page, position, cancellationToken);
                page = new List<ZohoLead>(PageSize);
            }
        }

        if (page.Count > 0)
        {
            await handle(page, position, cancellationToken);
        }
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && b > a) ? b : a;

    /// <summary>
    /// Every job is applied: the watermark moves to the latest Modified_Time applied, capped at Zoho's clock when the
    /// first job was created (a record changed during the read may have been exported in its older version), and the
    /// read-through point to that moment minus the overlap; the stored read is done in the same save.
    /// </summary>
    private async Task AdvanceWatermarksAsync(ChainProgress progress, BulkReadJob read, CancellationToken cancellationToken)
    {
        var firstJobCreated = read.FirstJobCreatedAt;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        store.MarkDone(db, read.Id); // the read ends in the save that moves the watermarks
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
}
