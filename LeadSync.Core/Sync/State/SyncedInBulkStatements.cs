using System.Data.Common;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// The two statements of <see cref="LeadSyncTransitions.PrepareSyncedInBulk"/> (leads Synced, their entries gone),
/// built and bound before the write begins so that the SQLite write gate is held only while they run.
/// </summary>
internal sealed class SyncedInBulkStatements(DbCommand update, DbCommand delete, int rows) : IAsyncDisposable
{
    /// <summary>The leads' UPDATE, as bound (its plan is tested: decision 0006).</summary>
    internal DbCommand Update => update;

    /// <summary>The entries' DELETE, as bound.</summary>
    internal DbCommand Delete => delete;

    /// <summary>
    /// Runs both in <paramref name="transaction"/>; false when a lead or an entry moved since the claim (fewer rows
    /// matched than the batch holds) — the caller then rolls back.
    /// </summary>
    public async Task<bool> TryExecuteAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        update.Transaction = transaction;
        if (await update.ExecuteNonQueryAsync(cancellationToken) != rows)
        {
            return false;
        }

        delete.Transaction = transaction;
        return await delete.ExecuteNonQueryAsync(cancellationToken) == rows;
    }

    public async ValueTask DisposeAsync()
    {
        await update.DisposeAsync();
        await delete.DisposeAsync();
    }
}
