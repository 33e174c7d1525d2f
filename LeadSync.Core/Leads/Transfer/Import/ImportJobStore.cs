using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// The job's row between batches: who holds it (a lease, claimed with one conditional UPDATE, so two instances never run
/// one job), whether a person asked to cancel it, how it ended. Batches move its counters in
/// <see cref="ImportBatchWriter"/>, in the batch's own transaction.
/// </summary>
public sealed class ImportJobStore(IDbContextFactory<LeadSyncDbContext> contexts, SyncInstance instance, TimeProvider clock)
{
    /// <summary>How long a claim lasts without a batch renewing it: after that another instance may resume the job.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public string InstanceId => instance.Id;

    /// <summary>Stores a new job and its file; the caller claims it next.</summary>
    public async Task AddAsync(ImportJob job, byte[] content, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(job);
        db.Add(new ImportJobFile { JobId = job.Id, Content = content });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the job when it is unfinished and nobody holds it; the run's mark (<see cref="ImportJob.RunnerInstance"/>:
    /// this instance and this run of the job) when taken, else null. Every later write of the run is conditional on it.
    /// </summary>
    public async Task<string?> TryClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var runner = instance.NewHoldMark();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Unheld(db, now).Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, ImportJobState.Running)
            .SetProperty(j => j.LeaseUntil, now + Lease)
            .SetProperty(j => j.RunnerInstance, runner), cancellationToken) == 1 ? runner : null;
    }

    /// <summary>Unfinished jobs nobody holds (their process stopped, or they were never picked up).</summary>
    public async Task<List<Guid>> UnheldAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Unheld(db, clock.GetUtcNow()).OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(cancellationToken);
    }

    public async Task<ImportJob?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
    }

    public async Task<byte[]?> ReadFileAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJobFile>().Where(f => f.JobId == id).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> IsCancelRequestedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().Where(j => j.Id == id).Select(j => j.CancelRequested).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Asks the job to stop after its current batch; false when it is unknown or already finished.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().Where(j => j.Id == id && (j.State == ImportJobState.Queued || j.State == ImportJobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken) == 1;
    }

    /// <summary>
    /// Ends the job the run <paramref name="runner"/> holds (its file goes with it); what its batches committed stays.
    /// False, and nothing changed, when another run holds the job now (this one's lease ran out while a batch took long,
    /// and a resumer — elsewhere or in this instance — took it): the ending is the holder's to write, and a failure seen
    /// here must not end the import under the holder.
    /// </summary>
    public async Task<bool> FinishAsync(Guid id, string runner, ImportJobState state, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var message = error is { Length: > ImportJob.ErrorMaxLength } ? error[..ImportJob.ErrorMaxLength] : error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<ImportJob>().Where(j => j.Id == id && j.RunnerInstance == runner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.Error, message)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken) == 0)
        {
            return false;
        }

        await db.Set<ImportJobFile>().Where(f => f.JobId == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Gives the job up (this instance is stopping): any instance, this one after a restart too, resumes it at once.</summary>
    public async Task ReleaseAsync(Guid id, string runner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ImportJob>().Where(j => j.Id == id && j.RunnerInstance == runner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    private static IQueryable<ImportJob> Unheld(LeadSyncDbContext db, DateTimeOffset now) =>
        db.Set<ImportJob>().Where(j => (j.State == ImportJobState.Queued || j.State == ImportJobState.Running)
            && (j.LeaseUntil == null || j.LeaseUntil < now));
}
