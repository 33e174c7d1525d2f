using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.State;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Transfer.Import;

/// <summary>
/// Writes one planned batch in ONE transaction: the new leads with their outbox entries (through
/// <see cref="LeadSyncTransitions"/>), the refused rows, and the job's progress — moved only from the progress this
/// runner last saw, so a batch is committed exactly once even across a crash and a resume. When the batch save fails (an
/// email taken meanwhile) the batch is written again row by row, in one transaction still, refusing only the rows the
/// database refuses. After the commit the push is nudged and open views are told.
/// </summary>
public sealed class ImportBatchWriter(
    IDbContextFactory<LeadSyncDbContext> contexts, IPushScheduler pushScheduler, ISyncEventSink events, SyncInstance instance, TimeProvider clock)
{
    /// <summary>Commits the batch and moves <paramref name="job"/>'s counters; throws <see cref="ImportJobLostException"/> if another runner moved it.</summary>
    public async Task WriteAsync(ImportJob job, List<ImportRowOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcomes);
        try
        {
            await SaveAsync(job, outcomes, rowByRow: false, cancellationToken);
        }
        catch (DbUpdateException)
        {
            await SaveAsync(job, outcomes, rowByRow: true, cancellationToken);
        }

        var created = outcomes.Count(o => o.Action == ImportRowAction.Create);
        job.ProcessedRows += outcomes.Count;
        job.Created += created;
        job.Updated += outcomes.Count(o => o.Action == ImportRowAction.Update);
        job.Skipped += outcomes.Count(o => o.Action == ImportRowAction.Skip);
        job.Refused += outcomes.Count(o => o.Action == ImportRowAction.Refuse);
        if (created > 0)
        {
            pushScheduler.SchedulePush();
            events.Publish(new LeadsChanged(clock.GetUtcNow(), instance.Id, created, null));
        }
    }

    private async Task SaveAsync(ImportJob job, List<ImportRowOutcome> outcomes, bool rowByRow, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] is { Action: ImportRowAction.Create, Fields: { } fields })
            {
                var added = AddLead(db, fields, now);
                if (rowByRow && !await TrySaveAsync(db, added, cancellationToken))
                {
                    outcomes[i] = ImportRowOutcome.Refuse(outcomes[i].Row, ImportBatchPlanner.ExistingReason(fields.Email) + " It was added while the import ran.");
                }
            }
        }

        db.AddRange(outcomes.Where(o => o.Action == ImportRowAction.Refuse).Select(o => Refusal(job.Id, o)));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await MoveProgressAsync(db, job, outcomes, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static object[] AddLead(LeadSyncDbContext db, LeadFields fields, DateTimeOffset now)
    {
        var lead = LeadSyncTransitions.NewLocal(fields, now);
        db.Leads.Add(lead);
        var entry = LeadSyncTransitions.Queue(db, lead, null, QueuedChange.Edit(ChangeSource.Import), now);
        return entry is null ? [lead] : [lead, entry];
    }

    /// <summary>Saves one row's lead; when the database refuses it (EF Core rolls back to its savepoint), the row is dropped.</summary>
    private static async Task<bool> TrySaveAsync(LeadSyncDbContext db, object[] added, CancellationToken cancellationToken)
    {
        try
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            foreach (var entity in added)
            {
                db.Entry(entity).State = EntityState.Detached;
            }

            return false;
        }
    }

    private static async Task MoveProgressAsync(LeadSyncDbContext db, ImportJob job, List<ImportRowOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (rows, created, updated, skipped, refused) = (outcomes.Count, Count(outcomes, ImportRowAction.Create),
            Count(outcomes, ImportRowAction.Update), Count(outcomes, ImportRowAction.Skip), Count(outcomes, ImportRowAction.Refuse));
        var moved = await db.Set<ImportJob>()
            .Where(j => j.Id == job.Id && j.ProcessedRows == job.ProcessedRows && job.RunnerInstance != null && j.RunnerInstance == job.RunnerInstance)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ProcessedRows, j => j.ProcessedRows + rows)
                .SetProperty(j => j.Created, j => j.Created + created)
                .SetProperty(j => j.Updated, j => j.Updated + updated)
                .SetProperty(j => j.Skipped, j => j.Skipped + skipped)
                .SetProperty(j => j.Refused, j => j.Refused + refused)
                .SetProperty(j => j.LeaseUntil, now + ImportJobStore.Lease), cancellationToken);
        if (moved != 1)
        {
            throw new ImportJobLostException(job.Id);
        }
    }

    private static int Count(List<ImportRowOutcome> outcomes, ImportRowAction action) => outcomes.Count(o => o.Action == action);

    private static ImportRefusal Refusal(Guid jobId, ImportRowOutcome outcome) => new()
    {
        JobId = jobId,
        RowNumber = outcome.Row.RowNumber,
        ValuesJson = JsonSerializer.Serialize(outcome.Row.Values),
        Reason = outcome.Reason is { Length: > ImportRefusal.ReasonMaxLength } r ? r[..ImportRefusal.ReasonMaxLength] : outcome.Reason ?? string.Empty,
    };
}
