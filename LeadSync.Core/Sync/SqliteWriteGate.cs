using LeadSync.Core.Data;

namespace LeadSync.Core.Sync;

/// <summary>
/// Serialises the sync engine's writes on SQLite (one writer per file anyway). Without it, concurrent batches meet
/// SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping and retrying — far slower than waiting in turn.
/// On PostgreSQL it does nothing: row locks and SKIP LOCKED do the work there.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable?> EnterAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
