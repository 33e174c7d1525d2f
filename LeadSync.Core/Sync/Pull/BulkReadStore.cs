using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// The durable side of a pull's Bulk Read (<see cref="BulkReadJob"/>): stored once its first Zoho job exists, saved when
/// a job is created or followed, and — inside each applied page's own save — how many result rows are applied, so a
/// stop between two pages loses nothing and applies nothing twice. Pulls run one at a time per deployment (the pull
/// lock), so at most one read is <see cref="BulkReadJobState.Reading"/>.
/// </summary>
public sealed class BulkReadStore(IDbContextFactory<LeadSyncDbContext> contexts, SqliteWriteGate writeGate, TimeProvider clock)
{
    /// <summary>The read a stopped or failed pull left unfinished, or null.</summary>
    public async Task<BulkReadJob?> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BulkReadJob>().AsNoTracking().Where(j => j.State == BulkReadJobState.Reading)
            .OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores a new read (its first job just created); the finished reads before it are no longer needed.</summary>
    public async Task AddAsync(BulkReadJob read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        read.CreatedAt = read.UpdatedAt = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await db.Set<BulkReadJob>().Where(j => j.State != BulkReadJobState.Reading).ExecuteDeleteAsync(cancellationToken);
        db.Add(read);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the read as it stands (a new job, Zoho's state, the run now following it, or its end).</summary>
    public async Task SaveAsync(BulkReadJob read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        read.UpdatedAt = clock.GetUtcNow();
        read.Note = read.Note is { Length: > BulkReadJob.NoteMaxLength } note ? note[..BulkReadJob.NoteMaxLength] : read.Note;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        db.Update(read);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Puts the rows applied so far (and the latest Modified_Time among them) into <paramref name="db"/>'s next save —
    /// the save of the page that applied them.
    /// </summary>
    public void MarkApplied(LeadSyncDbContext db, Guid readId, int rowsApplied, DateTimeOffset? lastModified)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = db.Attach(new BulkReadJob { Id = readId, RowsApplied = rowsApplied, LastModifiedApplied = lastModified, UpdatedAt = clock.GetUtcNow() });
        entry.Property(j => j.RowsApplied).IsModified = true;
        entry.Property(j => j.LastModifiedApplied).IsModified = true;
        entry.Property(j => j.UpdatedAt).IsModified = true;
    }

    /// <summary>Puts the read's end into <paramref name="db"/>'s next save (the save that moves the watermarks).</summary>
    public void MarkDone(LeadSyncDbContext db, Guid readId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = db.Attach(new BulkReadJob { Id = readId, State = BulkReadJobState.Done, UpdatedAt = clock.GetUtcNow() });
        entry.Property(j => j.State).IsModified = true;
        entry.Property(j => j.UpdatedAt).IsModified = true;
    }
}
