using System.Security.Cryptography;
using System.Text;
using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// The durable side of Bulk Write jobs: a job is stored with its rows (and its entries held for it) before anything
/// goes to Zoho, and saved at every step; the instance following a job holds a lease on it, so after a restart any
/// instance resumes the jobs nobody follows.
/// </summary>
public sealed class BulkWriteStore(
    IDbContextFactory<LeadSyncDbContext> contexts,
    OutboxClaimer claimer,
    SqliteWriteGate writeGate,
    SyncInstance instance,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Stores a new job (state Uploading) with one row per claim and holds the claims for the job's lease, in one
    /// transaction. A row keeps the values the push sends (<see cref="ClaimedEntry.Sent"/>: a field Zoho refused for the
    /// lead is left out), which become the agreed values once Zoho wrote the row.
    /// </summary>
    public async Task<BulkWriteJob> CreateAsync(Guid runId, IReadOnlyList<ClaimedEntry> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = clock.GetUtcNow();
        var job = new BulkWriteJob
        {
            RunId = runId, State = BulkWriteJobState.Uploading, Rows = claims.Count, CreatedAt = now, UpdatedAt = now,
            CallbackTokenHash = HashToken(NewToken()), FollowedBy = instance.NewHoldMark(), FollowedUntil = FollowLease(now),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(job);
        db.AddRange(claims.Select((c, i) => new BulkWriteJobRow
        {
            JobId = job.Id, Row = i, EntryId = c.EntryId, LeadId = c.LeadId, Revision = c.Revision, LeadVersion = c.LeadVersion ?? 0, Values = c.Sent,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await claimer.HoldAsync(db, claims.Select(c => c.EntryId).ToList(), now + options.CurrentValue.BulkWriteJobLease, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>
    /// Saves the job's state and renews the lease on it — only while the job is still followed as <paramref name="job"/>
    /// says (<see cref="BulkWriteJob.FollowedBy"/>: this instance and this follow of it). When the job was taken
    /// meanwhile (the lease ran out while this follower stalled), nothing is written and
    /// <see cref="BulkWriteJobTakenException"/> is thrown, so two followers never both drive one job.
    /// </summary>
    public async Task SaveAsync(BulkWriteJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = clock.GetUtcNow();
        var follower = job.FollowedBy;
        job.UpdatedAt = now;
        job.FollowedUntil = job.IsFinished ? null : FollowLease(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        var saved = await db.Set<BulkWriteJob>().Where(j => j.Id == job.Id && follower != null && j.FollowedBy == follower).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.RunId, job.RunId).SetProperty(j => j.State, job.State).SetProperty(j => j.FileId, job.FileId)
                .SetProperty(j => j.ZohoState, job.ZohoState).SetProperty(j => j.CallbackTokenHash, job.CallbackTokenHash)
                .SetProperty(j => j.Rows, job.Rows).SetProperty(j => j.RowsUploaded, job.RowsUploaded).SetProperty(j => j.RowsApplied, job.RowsApplied)
                .SetProperty(j => j.RowsFailed, job.RowsFailed).SetProperty(j => j.UpdatedAt, job.UpdatedAt).SetProperty(j => j.SubmittedAt, job.SubmittedAt)
                .SetProperty(j => j.Error, job.Error).SetProperty(j => j.FollowedUntil, job.FollowedUntil);
            if (job.ZohoJobId is not null)
            {
                s.SetProperty(j => j.ZohoJobId, job.ZohoJobId); // a callback may name it while the job is Unknown; CallbackAt is the callback's own
            }
        }, cancellationToken);
        if (saved == 0)
        {
            throw new BulkWriteJobTakenException(job.Id);
        }
    }

    /// <summary>Renews the lease of a job still followed as <paramref name="job"/> says; false when it was taken meanwhile.</summary>
    public async Task<bool> RenewAsync(BulkWriteJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var until = FollowLease(clock.GetUtcNow());
        var follower = job.FollowedBy;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        return await db.Set<BulkWriteJob>().Where(j => j.Id == job.Id && follower != null && j.FollowedBy == follower)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.FollowedUntil, until), cancellationToken) == 1;
    }

    /// <summary>
    /// Zoho's id for a job this instance created but no longer follows (taken while the create call was in flight): the
    /// new follower found it Submitting, never creates it again, and follows it by this id (as by a callback's).
    /// </summary>
    public async Task RecordCreatedAsync(Guid jobId, string zohoJobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<BulkWriteJob>()
            .Where(j => j.Id == jobId && j.ZohoJobId == null && (j.State == BulkWriteJobState.Submitting || j.State == BulkWriteJobState.Unknown))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ZohoJobId, zohoJobId), cancellationToken);
    }

    /// <summary>This instance stops following the jobs (it stops, or Zoho refuses the credentials): the resumer may take them at once.</summary>
    public async Task LetGoAsync(IReadOnlyCollection<BulkWriteJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        using var turn = await writeGate.EnterAsync(db, CancellationToken.None);
        foreach (var follow in jobs.Where(j => j.FollowedBy is not null).GroupBy(j => j.FollowedBy!))
        {
            await UnfollowAsync(db, [.. follow.Select(j => j.Id)], follow.Key);
        }
    }

    /// <summary>Ends the follow of those of the jobs still followed by <paramref name="follower"/> (never a later follow's); the caller holds the write gate.</summary>
    private static Task<int> UnfollowAsync(LeadSyncDbContext db, IReadOnlyCollection<Guid> jobIds, string follower) =>
        db.Set<BulkWriteJob>().Where(j => jobIds.Contains(j.Id) && j.FollowedBy == follower)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.FollowedUntil, (DateTimeOffset?)null), CancellationToken.None);

    /// <summary>A fresh callback token for the job (its hash is stored with the next save); the token goes only to Zoho.</summary>
    public static string NewCallbackToken(BulkWriteJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var token = NewToken();
        job.CallbackTokenHash = HashToken(token);
        return token;
    }

    public async Task<IReadOnlyList<BulkWriteJobRow>> RowsAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BulkWriteJobRow>().AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Row).ToListAsync(cancellationToken);
    }

    /// <summary>A finished job's rows are no longer needed (the job row stays, for the run's record).</summary>
    public async Task DeleteRowsAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<BulkWriteJobRow>().Where(r => r.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The unfinished jobs nobody follows (their follower stopped), each taken by this instance; at most a few at a time.</summary>
    public async Task<IReadOnlyList<BulkWriteJob>> TakeAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var until = FollowLease(now);
        var follower = instance.NewHoldMark();
        var candidates = await db.Set<BulkWriteJob>().AsNoTracking()
            .Where(j => j.State != BulkWriteJobState.Done && j.State != BulkWriteJobState.Failed && (j.FollowedUntil == null || j.FollowedUntil < now))
            .Select(j => j.Id).Take(10).ToListAsync(cancellationToken);
        var won = new List<Guid>();
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        try
        {
            // Not cancelled once begun: a job taken but not returned would wait out its lease before anyone resumed it.
            foreach (var id in candidates)
            {
                if (await db.Set<BulkWriteJob>().Where(j => j.Id == id && (j.FollowedUntil == null || j.FollowedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.FollowedBy, follower).SetProperty(j => j.FollowedUntil, until), CancellationToken.None) == 1)
                {
                    won.Add(id);
                }
            }

            return await db.Set<BulkWriteJob>().AsNoTracking().Where(j => won.Contains(j.Id)).ToListAsync(CancellationToken.None);
        }
        catch (Exception ex) when (won.Count > 0 && ex is System.Data.Common.DbException)
        {
            await UnfollowAsync(db, won, follower); // at once, if the database still answers (else the leases end by themselves)
            throw;
        }
    }

    /// <summary>The job a callback token belongs to, or null (compared by hash: the token is never stored).</summary>
    public async Task<BulkWriteJob?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = HashToken(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BulkWriteJob>().AsNoTracking().FirstOrDefaultAsync(j => j.CallbackTokenHash == hash, cancellationToken);
    }

    /// <summary>Records a callback: when it came, and Zoho's job id for a job whose create answer was lost (only then).</summary>
    public async Task RecordCallbackAsync(Guid jobId, string? zohoJobId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<BulkWriteJob>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.CallbackAt, now), cancellationToken);
        if (!string.IsNullOrWhiteSpace(zohoJobId) && zohoJobId.Length <= 100)
        {
            await db.Set<BulkWriteJob>().Where(j => j.Id == jobId && j.State == BulkWriteJobState.Unknown && j.ZohoJobId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ZohoJobId, zohoJobId), cancellationToken);
        }
    }

    public async Task<BulkWriteJob?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BulkWriteJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }

    /// <summary>How long a follow lease lasts: four poll intervals and half a minute (50 s by default).</summary>
    public TimeSpan FollowLeaseLength => (options.CurrentValue.BulkWritePollInterval * 4) + TimeSpan.FromSeconds(30);

    private DateTimeOffset FollowLease(DateTimeOffset now) => now + FollowLeaseLength;

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
