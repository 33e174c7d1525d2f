using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Selection;

namespace LeadSync.Core.Sync;

/// <summary>
/// The console's sync actions on a <see cref="LeadSelection"/> (explicit ids or "all matching a filter"): push, pull
/// and retry. A selection is read by the database a chunk at a time as the run goes (<see cref="SelectionPush"/>,
/// <see cref="SelectionPull"/>); rows are never loaded into the page. A write the database refuses comes out as <see cref="LeadWriteException"/>. Resolving the conflicts of a
/// selection is <see cref="Conflicts.ConflictBulkResolver"/>.
/// </summary>
public sealed class SyncBulkActions(SyncService sync, SelectionPush push, SelectionPull pull)
{
    /// <summary>Makes the selected leads' pushes due now; returns the push run.</summary>
    public async Task<Guid> PushAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(() => selection.IsFilter
            ? push.PushAsync(selection, SyncTrigger.Bulk, cancellationToken)
            : sync.PushAsync(selection.Ids, selection.Ids.Count == 1 ? SyncTrigger.Manual : SyncTrigger.Bulk, cancellationToken));
    }

    /// <summary>Re-reads the selected leads that are linked to Zoho, a chunk at a time; returns the pull run.</summary>
    public async Task<Guid> PullAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(() => pull.PullLinkedAsync(selection, cancellationToken));
    }

    /// <summary>Retries the selected leads' failed and dead-lettered pushes, a chunk at a time; returns the push run.</summary>
    public async Task<Guid> RetryFailedAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(() => push.RetryFailedAsync(selection, cancellationToken));
    }
}
