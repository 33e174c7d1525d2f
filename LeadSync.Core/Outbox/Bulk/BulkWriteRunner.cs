using LeadSync.Core.Fields;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using LeadSync.Core.Zoho.Bulk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Takes one stored Bulk Write job to its end, step by step, saving its state before each step that talks to Zoho
/// (docs/zoho §6.2): upload the CSV (state Uploading) → create the upsert job (Submitting, then Submitted with Zoho's
/// id) → follow it by callback or polling → download and apply the per-row result (Applying) → Done. Resumed after a
/// restart from the state it was saved in; a job found in Submitting may exist in Zoho and is never created again
/// (<see cref="BulkWriteJobState.Unknown"/>).
/// </summary>
public sealed partial class BulkWriteRunner(
    IZohoBulkWriteClient zoho,
    BulkWriteStore store,
    BulkWriteResultApplier results,
    BulkWriteSignals signals,
    BulkWriteCallbackAddress callbacks,
    EngineStateTracker engine,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<BulkWriteRunner> logger,
    IMappedFields? mappedFields = null)
{
    /// <summary>
    /// Runs the job until it is finished, Zoho refuses our credentials, the app stops (then it is resumed later), or
    /// another instance has taken it (this one stalled past its follow lease: it stops and writes nothing more).
    /// </summary>
    public async Task RunAsync(BulkWriteJob job, BulkPushTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(tally);
        SyncRunContext.Current = tally.Run; // the calls' credits count for the run
        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken); // cancelled too when the job is taken
        var keeper = FollowLeaseKeeper.KeepAsync(store, job, clock, following);
        var taken = false;
        try
        {
            await StepsAsync(job, tally, following.Token, cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsAuthorizationProblem)
        {
            engine.CredentialsRefused(ex.Code); // the job waits, saved; it is resumed once the credentials work
        }
        catch (Exception ex) when (ex is BulkWriteJobTakenException || (ex is OperationCanceledException && following.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            taken = true;
            LogTaken(job.Id);
        }
        finally
        {
            await following.CancelAsync();
            await keeper;
            signals.Forget(job.Id);
            if (!job.IsFinished && !taken)
            {
                await store.LetGoAsync([job]); // stopping or unauthorized: any instance may resume it at once
            }
        }
    }

    /// <summary>The job's steps from its saved state; <paramref name="stopping"/> (the app's stop alone) is for the create call, whose answer must not be cut off when the job is taken.</summary>
    private async Task StepsAsync(BulkWriteJob job, BulkPushTally tally, CancellationToken cancellationToken, CancellationToken stopping)
    {
        BulkWriteColumns? uploaded = null; // the columns of the file this call uploaded: its job names them
        while (!job.IsFinished && !engine.IsUnauthorized)
        {
            switch (job.State)
            {
                case BulkWriteJobState.Uploading:
                    uploaded = await UploadAsync(job, tally, cancellationToken);
                    break;
                case BulkWriteJobState.Submitting when uploaded is not null:
                    await SubmitAsync(job, uploaded, tally, stopping);
                    break;
                case BulkWriteJobState.Submitting:
                    await MarkAsync(job, BulkWriteJobState.Unknown, "The app stopped while creating the job: it may exist in Zoho.", cancellationToken);
                    break;
                case BulkWriteJobState.Submitted or BulkWriteJobState.Applying:
                    await FollowAsync(job, tally, cancellationToken);
                    break;
                case BulkWriteJobState.Unknown:
                    await SettleUnknownAsync(job, tally, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Uploads the rows as a file whose columns are the mapped fields that push now (<see cref="BulkWriteColumns"/>).</summary>
    private async Task<BulkWriteColumns> UploadAsync(BulkWriteJob job, BulkPushTally tally, CancellationToken cancellationToken)
    {
        var rows = await store.RowsAsync(job.Id, cancellationToken);
        var columns = BulkWriteColumns.For(await ExtraFieldSet.LoadAsync(mappedFields, cancellationToken));
        var file = BulkWriteCsv.Zip([.. rows.Select(r => r.Values!)], columns, "Leads-" + job.Id.ToString("N"));
        job.FileId = await WithPatienceAsync(() => zoho.UploadBulkFileAsync(file, cancellationToken), cancellationToken);
        job.RowsUploaded = rows.Count;
        await MarkAsync(job, BulkWriteJobState.Submitting, null, cancellationToken); // saved before the create call
        tally.Uploaded(rows.Count);
        return columns;
    }

    /// <summary>
    /// Creates the job once. Zoho's refusal (a 4xx, a 429) means no job exists: the rows go back to the outbox. A lost
    /// answer, a timeout or a 5xx leaves the job's existence unknown: it is never created again.
    /// </summary>
    private async Task SubmitAsync(BulkWriteJob job, BulkWriteColumns columns, BulkPushTally tally, CancellationToken cancellationToken)
    {
        var token = BulkWriteStore.NewCallbackToken(job);
        var callback = await callbacks.ForTokenAsync(token, cancellationToken);
        job.SubmittedAt = clock.GetUtcNow();
        await store.SaveAsync(job, cancellationToken);
        try
        {
            var created = await zoho.CreateBulkWriteJobAsync(new ZohoBulkWriteRequest(job.FileId!, columns.Names, "Email", callback) { Formats = columns.Formats }, cancellationToken);
            job.ZohoJobId = created.Id;
            job.ZohoState = "ADDED";
            tally.ZohoState(job.Id, job.ZohoState);
            try
            {
                await MarkAsync(job, BulkWriteJobState.Submitted, null, cancellationToken);
            }
            catch (BulkWriteJobTakenException)
            {
                await store.RecordCreatedAsync(job.Id, created.Id, cancellationToken); // the new follower follows this job, never a second one
                throw;
            }
        }
        catch (ZohoApiException ex) when (!ex.IsAuthorizationProblem && ex.HttpStatus is { } status && (int)status is >= 400 and < 500)
        {
            await results.GiveBackAsync(job, ex.Error, tally, cancellationToken);
            await MarkAsync(job, BulkWriteJobState.Failed, $"Zoho refused the job: {ex.Code} {ex.Error.Message}", cancellationToken);
        }
        catch (ZohoApiException ex) when (ex.IsTransient)
        {
            await MarkAsync(job, BulkWriteJobState.Unknown, $"The answer to creating the job was lost ({ex.Code}): it may exist in Zoho.", cancellationToken);
        }
    }

    /// <summary>Reads the job until Zoho finishes it (woken by its callback, else every poll interval), then applies its result.</summary>
    private async Task FollowAsync(BulkWriteJob job, BulkPushTally tally, CancellationToken cancellationToken)
    {
        var zohoJob = await WithPatienceAsync(() => zoho.GetBulkWriteJobAsync(job.ZohoJobId!, cancellationToken), cancellationToken);
        var state = ZohoStateName(zohoJob.State);
        if (state != job.ZohoState)
        {
            job.ZohoState = state;
            tally.ZohoState(job.Id, state);
        }

        if (zohoJob.State == ZohoBulkJobState.Failed)
        {
            await results.GiveBackAsync(job, new ZohoRecordError("BULK_JOB_FAILED", "Zoho's bulk write job failed; the lead is tried again."), tally, cancellationToken);
            await MarkAsync(job, BulkWriteJobState.Failed, "Zoho's bulk write job failed.", cancellationToken);
            return;
        }

        if (zohoJob.State != ZohoBulkJobState.Completed)
        {
            await store.SaveAsync(job, cancellationToken); // renews the lease on the job
            await signals.WaitAsync(job.Id, options.CurrentValue.BulkWritePollInterval, cancellationToken);
            return;
        }

        await MarkAsync(job, BulkWriteJobState.Applying, null, cancellationToken);
        var result = await WithPatienceAsync(() => zoho.DownloadBulkWriteResultAsync(zohoJob, cancellationToken), cancellationToken);
        await results.ApplyAsync(job, result, tally, cancellationToken);
        await MarkAsync(job, BulkWriteJobState.Done, null, cancellationToken);
        await store.DeleteRowsAsync(job.Id, cancellationToken);
    }

    /// <summary>
    /// A job whose create answer was lost: its callback (which names Zoho's job id) makes it followed as usual; without one
    /// within <c>Sync:BulkWriteUnknownAfter</c> its rows go back to the outbox as lost creates, which the record path
    /// looks up by email before it upserts (docs/zoho §6.5).
    /// </summary>
    private async Task SettleUnknownAsync(BulkWriteJob job, BulkPushTally tally, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(job.Id, cancellationToken);
        if (stored?.ZohoJobId is { } zohoJobId)
        {
            job.ZohoJobId = zohoJobId;
            job.CallbackAt = stored.CallbackAt;
            await MarkAsync(job, BulkWriteJobState.Submitted, null, cancellationToken);
            return;
        }

        if (clock.GetUtcNow() < (job.SubmittedAt ?? job.CreatedAt) + options.CurrentValue.BulkWriteUnknownAfter)
        {
            await store.SaveAsync(job, cancellationToken);
            await signals.WaitAsync(job.Id, options.CurrentValue.BulkWritePollInterval, cancellationToken);
            return;
        }

        await results.GiveBackAsync(job, new ZohoRecordError("BULK_OUTCOME_UNKNOWN", "Zoho never confirmed the bulk write job; the lead is looked up by email and sent again."), tally, cancellationToken);
        await MarkAsync(job, BulkWriteJobState.Failed, "Zoho never confirmed the job; its rows went back to the outbox as lost creates.", cancellationToken);
    }

    private async Task MarkAsync(BulkWriteJob job, BulkWriteJobState state, string? error, CancellationToken cancellationToken)
    {
        job.State = state;
        job.Error = error is null ? job.Error : Leads.SyncError.Clip(error);
        await store.SaveAsync(job, cancellationToken);
    }

    /// <summary>Calls safe to repeat (upload, read, download) are tried again after a passing failure, at the poll interval.</summary>
    private async Task<T> WithPatienceAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ZohoApiException ex) when ((ex.IsTransient || ex.Kind == ZohoFailureKind.TokenThrottled) && attempt < 20)
            {
                await Task.Delay(Backoff.Delay(attempt, options.CurrentValue.BulkWritePollInterval, TimeSpan.FromMinutes(2)), clock, cancellationToken);
            }
        }
    }

    private static string ZohoStateName(ZohoBulkJobState state) => state switch
    {
        ZohoBulkJobState.InProgress => "IN PROGRESS",
        _ => state.ToString().ToUpperInvariant(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk Write job {JobId} is followed by another instance now (this one stalled past its follow lease): this instance stopped following it")]
    private partial void LogTaken(Guid jobId);
}
