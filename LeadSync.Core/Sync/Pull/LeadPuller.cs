using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// Zoho → LeadSync. Reads leads modified since the watermark minus an overlap, or since the read-through point when
/// later (<see cref="SyncWatermark.LeadsReadThrough"/>; sorted by Modified_Time, every page,
/// de-duplicated by id and Modified_Time), applies each page in one save together with the watermark, then the
/// deleted-records list under its own watermark. Values applied here never queue a push, except where a local
/// change wins the three-way merge. A full resync re-reads everything and repairs drift.
/// </summary>
public sealed partial class LeadPuller(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoClient zoho,
    PullPageApplier pages,
    BulkLeadReader bulkReader,
    DeletedLeadsApplier deleted,
    PullRun pullRun,
    DeploymentLocks locks,
    SyncRunRecorder runs,
    EngineStateTracker engine,
    CreditBudget budget,
    IPushScheduler pushScheduler,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<LeadPuller> logger)
{
    private const int MaxChainRestarts = 10_000;

    /// <summary>
    /// A scheduled pull: skipped (null) when another pull runs anywhere, when another instance already started this
    /// interval's scheduled pull (one per interval per deployment, whatever the number of instances), when Zoho
    /// refuses our credentials, or when the daily credit budget is spent.
    /// </summary>
    public async Task<Guid?> PullIfIdleAsync(CancellationToken cancellationToken)
    {
        if (engine.IsUnauthorized || await budget.SpentAsync(null, cancellationToken) is not null)
        {
            return null;
        }

        var held = await locks.TryAcquireAsync(PostgresAdvisoryLock.Pull, wait: false, cancellationToken);
        if (held is null)
        {
            return null;
        }

        await using (held)
        {
            if (!await ClaimScheduledPullAsync(cancellationToken))
            {
                return null;
            }

            var run = await runs.StartAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, cancellationToken);
            await ExecuteAsync(run, full: false, bulkOnly: false, cancellationToken);
            return run.RunId;
        }
    }

    /// <summary>
    /// Under the pull lock: true (and the interval's pull recorded as started now) unless a scheduled pull of this
    /// deployment started less than nine tenths of an interval ago (the slack keeps an instance's own timing, its
    /// one-second scheduler tick, from skipping a whole interval; at most one more pull per ten intervals).
    /// </summary>
    private async Task<bool> ClaimScheduledPullAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var interval = options.CurrentValue.PullInterval;
        var last = await PullWatermarks.ReadAsync(contexts, SyncWatermark.ScheduledPull, cancellationToken);
        if (last is not null && now - last.Value < interval * 0.9)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PullWatermarks.AdvanceAsync(db, SyncWatermark.ScheduledPull, now, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Runs a pull or full resync under <paramref name="run"/>, waiting for any pull in progress first.</summary>
    public async Task RunAsync(SyncRunContext run, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using (await WaitForPullLockAsync(run, cancellationToken))
        {
            await ExecuteAsync(run, full, bulkOnly: false, cancellationToken);
        }
    }

    /// <summary>The pull half of an initial sync: a full resync that reads every Zoho lead through Bulk Read jobs.</summary>
    public async Task RunInitialAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using (await WaitForPullLockAsync(run, cancellationToken))
        {
            await ExecuteAsync(run, full: true, bulkOnly: true, cancellationToken);
        }
    }

    /// <summary>
    /// Merges Zoho versions already read by someone else (the push found them changed since the agreed values) exactly as
    /// a pull of those records would: per field, by the conflict policy, recording conflicts and re-queuing what still
    /// has to go to Zoho. Counted in <paramref name="run"/>; no watermark moves.
    /// </summary>
    public Task MergeCurrentAsync(SyncRunContext run, IReadOnlyList<ZohoLead> records, CancellationToken cancellationToken) =>
        pages.ApplyAsync(run, records, null, cancellationToken);

    /// <summary>Applies the current Zoho values of these records (webhook notifications); no watermark moves.</summary>
    public Task RunForIdsAsync(SyncRunContext run, IReadOnlyCollection<string> zohoIds, CancellationToken cancellationToken) =>
        RunForIdsAsync(run, new[] { zohoIds.Distinct(StringComparer.Ordinal).ToList() }.ToAsyncEnumerable(), cancellationToken);

    /// <summary>
    /// Applies the current Zoho values of records named a chunk at a time (a selection's linked leads, each chunk read
    /// after the one before is applied); no watermark moves.
    /// </summary>
    public async Task RunForIdsAsync(SyncRunContext run, IAsyncEnumerable<IReadOnlyList<string>> zohoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(zohoIds);
        await pullRun.ExecuteAsync(run, isFullPull: false, async token =>
        {
            await foreach (var ids in zohoIds.WithCancellation(token))
            {
                foreach (var chunk in ids.Where(LeadValidator.IsValidZohoId).Chunk(SyncOptions.BatchSize))
                {
                    var records = await zoho.GetLeadsAsync(chunk, token);
                    await pages.ApplyAsync(run, records, null, token);
                    run.AddProcessed(records.Count);
                    runs.Progress(run);
                }
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Applies Zoho's deleted-records list since its watermark (a delete notification): deletes or unlinks the local
    /// leads as <c>Sync:PropagateDeletes:FromZoho</c> says. Waits for any pull in progress first.
    /// </summary>
    public async Task RunDeletedAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using (await WaitForPullLockAsync(run, cancellationToken))
        {
            await pullRun.ExecuteAsync(run, isFullPull: false, token => deleted.ApplyAsync(run, token), cancellationToken);
        }
    }

    /// <summary>Waits for the deployment's pull lock; a stop while waiting records <paramref name="run"/> as interrupted.</summary>
    private async Task<IAsyncDisposable> WaitForPullLockAsync(SyncRunContext run, CancellationToken cancellationToken)
    {
        try
        {
            return await locks.AcquireAsync(PostgresAdvisoryLock.Pull, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await pullRun.StoppedBeforeStartAsync(run);
            throw;
        }
    }

    private Task ExecuteAsync(SyncRunContext run, bool full, bool bulkOnly, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        return pullRun.ExecuteAsync(run, isFullPull: true, async token =>
        {
            await PullChangedAsync(run, full, bulkOnly, token);
            await deleted.ApplyAsync(run, token);
            await HandOverToPushAsync(full, started, token);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads Zoho's changes: record-API pages, or — when the first page shows more than <c>Sync:BulkReadThreshold</c>
    /// records to read, or <paramref name="bulkOnly"/> — Bulk Read jobs (<see cref="BulkLeadReader"/>).
    /// </summary>
    private async Task PullChangedAsync(SyncRunContext run, bool full, bool bulkOnly, CancellationToken cancellationToken)
    {
        var overlap = options.CurrentValue.PullOverlap;
        var since = full ? null : await ReadSinceAsync(overlap, cancellationToken);
        var progress = new ChainProgress();
        for (var restarts = 0; ; restarts++)
        {
            try
            {
                // A Bulk Read an earlier pull left unfinished is resumed before anything else is read (docs/zoho §6.1).
                if (bulkOnly || (restarts == 0 && await bulkReader.ResumableAsync(run, since, cancellationToken))
                    || !await ApplyChainAsync(run, since, progress, mayReadInBulk: restarts == 0, cancellationToken))
                {
                    await bulkReader.ReadAsync(run, since, progress, cancellationToken);
                    return;
                }

                await ReadThroughAsync(progress.ReadStarted - overlap, cancellationToken);
                return;
            }
            catch (ZohoApiException ex) when (ex.Kind == ZohoFailureKind.PaginationLimit && restarts < MaxChainRestarts)
            {
                // A page-token chain ends at 100,000 records (§2.2): start a new chain from the last applied second.
                // One second earlier because the header may be exclusive and that second may hold unread records.
                var next = progress.LastApplied - TimeSpan.FromSeconds(1);
                if (next is null || (since is not null && next <= since))
                {
                    throw new InvalidOperationException(
                        "Zoho's page-token limit was reached without progress: more records share one Modified_Time second than one chain can read.", ex);
                }

                LogChainRestarted(next.Value);
                since = next;
            }
        }
    }

    /// <summary>
    /// Where an incremental pull starts: the watermark minus the overlap, or the read-through point when later (null:
    /// never pulled, read everything).
    /// </summary>
    private async Task<DateTimeOffset?> ReadSinceAsync(TimeSpan overlap, CancellationToken cancellationToken)
    {
        var watermark = await PullWatermarks.ReadAsync(contexts, SyncWatermark.Leads, cancellationToken);
        if (watermark is null)
        {
            return null;
        }

        var readThrough = await PullWatermarks.ReadAsync(contexts, SyncWatermark.LeadsReadThrough, cancellationToken);
        var since = watermark.Value - overlap;
        return readThrough > since ? readThrough : since;
    }

    /// <summary>After a complete read: everything Zoho held <paramref name="point"/> or earlier is applied (null: Zoho sent no Date).</summary>
    private async Task ReadThroughAsync(DateTimeOffset? point, CancellationToken cancellationToken)
    {
        if (point is null)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PullWatermarks.AdvanceAsync(db, SyncWatermark.LeadsReadThrough, point.Value, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Reads one page-token chain to its end, applying each page (and its watermark) as it comes. False (nothing
    /// applied) when <paramref name="mayReadInBulk"/> and the first page shows a pull big enough for Bulk Read.
    /// </summary>
    private async Task<bool> ApplyChainAsync(SyncRunContext run, DateTimeOffset? since, ChainProgress progress, bool mayReadInBulk, CancellationToken cancellationToken)
    {
        // The next page is requested while this one is applied, and read and merged while this one is saved; the
        // watermark still moves only over saved pages.
        await using var pipeline = new PullPagePipeline(pages, run);
        await foreach (var page in zoho.ListLeadsAsync(new ZohoListRequest { ModifiedSince = since }, cancellationToken).PrefetchAsync(cancellationToken: cancellationToken))
        {
            progress.Answered(page.ServerTime);
            if (mayReadInBulk && await bulkReader.ShouldReadAsync(page, since, cancellationToken))
            {
                return false;
            }

            mayReadInBulk = false;
            if (page.Records.Count == 0)
            {
                continue;
            }

            var pageMax = page.Records.Max(r => r.ModifiedTime);
            var count = page.Records.Count;
            await pipeline.AddAsync(progress.Unseen(page.Records), pageMax, () =>
            {
                progress.Applied(pageMax);
                run.AddProcessed(count);
                runs.Progress(run);
            }, cancellationToken);
        }

        await pipeline.FlushAsync();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho page-token chain ended at its limit; restarting from {Since}")]
    private partial void LogChainRestarted(DateTimeOffset since);
}
