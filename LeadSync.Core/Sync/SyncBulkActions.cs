using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync;

/// <summary>
/// The console's sync actions on a <see cref="LeadSelection"/> (explicit ids or "all matching a filter"): push, pull
/// and retry. A filter is handed to <see cref="SyncService"/> or evaluated by the database; rows are never loaded into
/// the page. A write the database refuses comes out as <see cref="LeadWriteException"/>. Resolving the conflicts of a
/// selection is <see cref="Conflicts.ConflictBulkResolver"/>.
/// </summary>
public sealed class SyncBulkActions(IDbContextFactory<LeadSyncDbContext> contexts, SyncService sync)
{
    /// <summary>Makes the selected leads' pushes due now; returns the push run.</summary>
    public async Task<Guid> PushAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(() => selection.Filter is { } filter
            ? sync.PushAsync(filter, SyncTrigger.Bulk, cancellationToken)
            : sync.PushAsync(selection.Ids, selection.Ids.Count == 1 ? SyncTrigger.Manual : SyncTrigger.Bulk, cancellationToken));
    }

    /// <summary>Re-reads the selected leads that are linked to Zoho; returns the pull run.</summary>
    public async Task<Guid> PullAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(() => PullLinkedAsync(selection, cancellationToken));
    }

    /// <summary>Retries the selected leads' failed and dead-lettered pushes; returns the push run.</summary>
    public async Task<Guid> RetryFailedAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await StoreWrites.TranslateAsync(async () => await sync.RetryFailedAsync(await IdsAsync(selection, cancellationToken), cancellationToken));
    }

    private async Task<Guid> PullLinkedAsync(LeadSelection selection, CancellationToken cancellationToken)
    {
        List<string> zohoIds;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            zohoIds = await LeadQueries.Selected(db, selection).Where(l => l.ZohoId != null).Select(l => l.ZohoId!).ToListAsync(cancellationToken);
        }

        if (zohoIds.Count == 0)
        {
            throw new InvalidOperationException("None of the selected leads is linked to a Zoho record yet: push them first.");
        }

        return await sync.PullLeadsAsync(zohoIds, SyncTrigger.Manual, cancellationToken);
    }

    private async Task<List<Guid>> IdsAsync(LeadSelection selection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LeadQueries.Selected(db, selection).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
    }
}
