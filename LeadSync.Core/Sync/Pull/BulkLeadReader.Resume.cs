using System.Globalization;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The jobs of a stored read (docs/zoho §6.1 "Resuming"): a new read's first job, the next job by <c>page_token</c>,
/// and the read an earlier pull left unfinished — followed again by its Zoho job id, no new job and no row applied twice.
/// A stored job that Zoho failed, no longer knows, or whose result can no longer be downloaded (Zoho keeps a result
/// about a day) is replaced by a new job, and the run's note says so.
/// </summary>
public sealed partial class BulkLeadReader
{
    /// <summary>
    /// True when an earlier pull left a read that covers <paramref name="since"/>: this pull resumes it (in bulk, whatever
    /// its size). A read that does not cover it (a full read after an incremental one) is replaced, noted in the run.
    /// </summary>
    internal async Task<bool> ResumableAsync(SyncRunContext run, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var stored = await store.UnfinishedAsync(cancellationToken);
        if (stored is null)
        {
            return false;
        }

        if (stored.Covers(since))
        {
            return true;
        }

        await ReplaceAsync(run, stored, NotCovering(stored, since), cancellationToken);
        return false;
    }

    /// <summary>The stored read to resume with its completed job, or a new read (whose first job is created and completed).</summary>
    private async Task<(BulkReadJob Read, ZohoBulkReadJob Job, bool Resumed)> ResumeOrStartAsync(
        SyncRunContext run, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var stored = await store.UnfinishedAsync(cancellationToken);
        if (stored is not null && !stored.Covers(since))
        {
            await ReplaceAsync(run, stored, NotCovering(stored, since), cancellationToken);
            stored = null;
        }

        if (stored is not null)
        {
            stored.RunId = run.RunId;
            await store.SaveAsync(stored, cancellationToken);
            LogResumed(stored.ZohoJobId, stored.Page, stored.RowsApplied);
            var (job, gone) = await FollowStoredAsync(stored, cancellationToken);
            if (job is not null)
            {
                await runs.NoteAsync(run, string.Create(CultureInfo.InvariantCulture,
                    $"Resumed the Bulk Read of an earlier pull: Zoho job {stored.ZohoJobId} (page {stored.Page}), {stored.RowsApplied:N0} rows of its result already applied."), cancellationToken);
                return (stored, job, true);
            }

            await ReplaceAsync(run, stored, gone!, cancellationToken);
        }

        var (read, first) = await StartAsync(run, since, stored?.LastModifiedApplied, cancellationToken);
        return (read, first, false);
    }

    /// <summary>Creates a read's first job (50 credits), stores the read and follows the job until Zoho completes it.</summary>
    private async Task<(BulkReadJob Read, ZohoBulkReadJob Job)> StartAsync(
        SyncRunContext run, DateTimeOffset? since, DateTimeOffset? applied, CancellationToken cancellationToken)
    {
        var created = await bulk.CreateReadJobAsync(new ZohoBulkReadQuery { ModifiedAfter = since }, cancellationToken);
        var read = new BulkReadJob
        {
            RunId = run.RunId, State = BulkReadJobState.Reading, ModifiedAfter = since, ZohoJobId = created.Id, ZohoState = created.State,
            Jobs = 1, FirstJobCreatedAt = created.ServerTime, LastModifiedApplied = applied,
        };
        await store.AddAsync(read, cancellationToken);
        return (read, Completed(await FollowAsync(created, read, cancellationToken)));
    }

    /// <summary>The job after <paramref name="job"/> (its <c>page_token</c>, else the next page), stored before it is followed.</summary>
    private async Task<ZohoBulkReadJob> NextJobAsync(BulkReadJob read, ZohoBulkReadJob job, CancellationToken cancellationToken)
    {
        var query = job.NextPageToken is { } token
            ? new ZohoBulkReadQuery { ModifiedAfter = read.ModifiedAfter, PageToken = token }
            : new ZohoBulkReadQuery { ModifiedAfter = read.ModifiedAfter, Page = job.Page + 1 };
        var created = await bulk.CreateReadJobAsync(query, cancellationToken);
        read.ZohoJobId = created.Id;
        read.ZohoState = created.State;
        read.Page++;
        read.PageToken = job.NextPageToken;
        read.RowsApplied = 0;
        read.Jobs++;
        await store.SaveAsync(read, cancellationToken);
        return Completed(await FollowAsync(created, read, cancellationToken));
    }

    /// <summary>The stored read's job as Zoho reports it now, followed until it ends; or why it cannot be resumed.</summary>
    private async Task<(ZohoBulkReadJob? Job, string? Gone)> FollowStoredAsync(BulkReadJob read, CancellationToken cancellationToken)
    {
        ZohoBulkReadJob job;
        try
        {
            job = await bulk.GetReadJobAsync(read.ZohoJobId, cancellationToken);
        }
        catch (ZohoApiException ex) when (!ex.IsTransient && !ex.IsAuthorizationProblem)
        {
            return (null, $"Zoho no longer knows Bulk Read job {read.ZohoJobId} left by an earlier pull ({ex.Code}): a new job reads the records again.");
        }

        job = await FollowAsync(job, read, cancellationToken);
        return job.IsCompleted
            ? (job, null)
            : (null, $"Zoho's Bulk Read job {job.Id} left by an earlier pull ended in state {job.State}: a new job reads the records again.");
    }

    /// <summary>Polls the job every <c>Sync:BulkReadPollInterval</c> until it is completed or failed; a changed state is stored.</summary>
    private async Task<ZohoBulkReadJob> FollowAsync(ZohoBulkReadJob job, BulkReadJob? read, CancellationToken cancellationToken)
    {
        while (!job.IsCompleted && !job.IsFailed)
        {
            await Task.Delay(options.CurrentValue.BulkReadPollInterval, clock, cancellationToken);
            job = await bulk.GetReadJobAsync(job.Id, cancellationToken);
            if (read is not null && read.ZohoState != job.State)
            {
                read.ZohoState = job.State;
                await store.SaveAsync(read, cancellationToken);
            }
        }

        if (job.IsCompleted)
        {
            LogJobCompleted(job.Id, job.Count, job.MoreRecords);
        }

        return job;
    }

    /// <summary>
    /// The job's result, downloaded; null when the job was resumed and its result can no longer be downloaded (expired,
    /// or Zoho refuses it): the read is then replaced, noted in the run.
    /// </summary>
    private async Task<ZohoBulkReadFile?> DownloadAsync(
        SyncRunContext run, BulkReadJob read, ZohoBulkReadJob job, bool resumed, CancellationToken cancellationToken)
    {
        try
        {
            return await bulk.DownloadReadResultAsync(job.Id, cancellationToken);
        }
        catch (ZohoApiException ex) when (resumed && !ex.IsTransient && !ex.IsAuthorizationProblem)
        {
            await ReplaceAsync(run, read, $"The result of Zoho's Bulk Read job {job.Id}, left by an earlier pull, can no longer be downloaded ({ex.Code}; Zoho keeps a result about a day): a new job reads the records again.", cancellationToken);
            return null;
        }
    }

    /// <summary>Gives the stored read up for a new job: stored as Replaced with <paramref name="reason"/>, logged, and noted in the run.</summary>
    private async Task ReplaceAsync(SyncRunContext run, BulkReadJob read, string reason, CancellationToken cancellationToken)
    {
        read.State = BulkReadJobState.Replaced;
        read.Note = reason;
        await store.SaveAsync(read, cancellationToken);
        LogReplaced(read.ZohoJobId, reason);
        await runs.NoteAsync(run, reason, cancellationToken);
    }

    private static ZohoBulkReadJob Completed(ZohoBulkReadJob job) => job.IsCompleted
        ? job
        : throw new ZohoApiException(
            ZohoFailureKind.Permanent,
            new ZohoRecordError("BULK_READ_FAILED", $"Zoho's Bulk Read job {job.Id} ended in state {job.State}."),
            System.Net.HttpStatusCode.OK);

    private static string NotCovering(BulkReadJob read, DateTimeOffset? since) => string.Create(CultureInfo.InvariantCulture,
        $"The unfinished Bulk Read of an earlier pull (Zoho job {read.ZohoJobId}) read only records modified after {read.ModifiedAfter:u}; " +
        $"this pull reads {(since is null ? "every record" : $"from {since:u}")}, so a new job replaces it.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming Zoho Bulk Read job {JobId} (page {Page}) with {RowsApplied} rows of its result already applied")]
    private partial void LogResumed(string jobId, int page, int rowsApplied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoho Bulk Read job {JobId} is not resumed: {Reason}")]
    private partial void LogReplaced(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho Bulk Read job {JobId} completed: {Count} records, more records: {MoreRecords}")]
    private partial void LogJobCompleted(string jobId, long count, bool moreRecords);
}
