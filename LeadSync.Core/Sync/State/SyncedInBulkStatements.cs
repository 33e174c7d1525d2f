using System.Data.Common;
using LeadSync.Core.Data;

namespace LeadSync.Core.Sync.State;

/// <summary>
/// The two writes of <see cref="LeadSyncTransitions.PrepareSyncedInBulk"/> (leads Synced, their entries gone), built
/// and bound before the write begins so that the SQLite write gate is held only while they run.
/// </summary>
internal sealed class SyncedInBulkStatements(ChunkedStatements update, ChunkedStatements delete) : IAsyncDisposable
{
    /// <summary>The leads' first UPDATE, as bound (its plan is tested on PostgreSQL: decision 0006).</summary>
    internal DbCommand Update => update.First;

    /// <summary>The entries' first DELETE, as bound.</summary>
    internal DbCommand Delete => delete.First;

    /// <summary>
    /// Runs both in <paramref name="transaction"/>; false when a lead or an entry moved since the claim (fewer rows
    /// matched than the batch holds) — the caller then rolls back.
    /// </summary>
    public async Task<bool> TryExecuteAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return await update.TryExecuteAsync(transaction, cancellationToken) && await delete.TryExecuteAsync(transaction, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await update.DisposeAsync();
        await delete.DisposeAsync();
    }
}
