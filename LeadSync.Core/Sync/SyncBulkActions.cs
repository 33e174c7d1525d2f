using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync;

/// <summary>
/// The console's sync actions on a <see cref="LeadSelection"/> (explicit ids or "all matching a filter"). A filter is
/// handed to <see cref="SyncService"/> or evaluated by the database; rows are never loaded into the page.
/// </summary>
public sealed class SyncBulkActions(IDbContextFactory<LeadSyncDbContext> contexts, SyncService sync)
{
    /// <summary>Makes the selected leads' pushes due now; returns the push run.</summary>
    public Task<Guid> PushAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return selection.Filter is { } filter
            ? sync.PushAsync(filter, SyncTrigger.Bulk, cancellationToken)
            : sync.PushAsync(selection.Ids, selection.Ids.Count == 1 ? SyncTrigger.Manual : SyncTrigger.Bulk, cancellationToken);
    }

    /// <summary>Re-reads the selected leads that are linked to Zoho; returns the pull run.</summary>
    public async Task<Guid> PullAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        List<string> zohoIds;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            zohoIds = await Select(db, selection).Where(l => l.ZohoId != null).Select(l => l.ZohoId!).ToListAsync(cancellationToken);
        }

        if (zohoIds.Count == 0)
        {
            throw new InvalidOperationException("None of the selected leads is linked to a Zoho record yet: push them first.");
        }

        return await sync.PullLeadsAsync(zohoIds, SyncTrigger.Manual, cancellationToken);
    }

    /// <summary>Retries the selected leads' failed and dead-lettered pushes; returns the push run.</summary>
    public async Task<Guid> RetryFailedAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return await sync.RetryFailedAsync(await IdsAsync(selection, null, cancellationToken), cancellationToken);
    }

    /// <summary>Settles the open conflicts of every selected lead in conflict with one policy.</summary>
    public async Task<BulkResolveResult> ResolveConflictsAsync(
        LeadSelection selection, ConflictPolicy policy, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (policy is ConflictPolicy.Manual)
        {
            throw new ArgumentException("Choose ZohoWins, LocalWins or NewestWins to resolve many leads at once.", nameof(policy));
        }

        var ids = await IdsAsync(selection, SyncState.Conflict, cancellationToken);
        int resolved = 0, failed = 0;
        string? firstError = null;
        Guid? lastRun = null;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                lastRun = await sync.ResolveConflictAsync(id, null, policy, cancellationToken);
                resolved++;
            }
            catch (Exception ex) when (ex is InvalidOperationException or LeadNotFoundException or LeadValidationException or DbUpdateException)
            {
                failed++;
                firstError ??= ex.Message;
            }

            progress?.Report(resolved + failed);
        }

        return new BulkResolveResult(resolved, failed, firstError, lastRun);
    }

    private async Task<List<Guid>> IdsAsync(LeadSelection selection, SyncState? state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Select(db, selection);
        if (state is { } only)
        {
            query = query.Where(l => l.SyncState == only);
        }

        return await query.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<Lead> Select(LeadSyncDbContext db, LeadSelection selection)
    {
        if (selection.Filter is { } filter)
        {
            return LeadQueries.Filter(db, filter).AsNoTracking();
        }

        var ids = selection.Ids.ToList();
        return db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id));
    }
}
