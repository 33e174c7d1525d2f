using LeadSync.Core.Leads;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Conflicts;

/// <summary>Settles held conflicts of many leads by one policy, through <see cref="SyncService.ResolveConflictAsync"/>.</summary>
public sealed class ConflictCommands(SyncService sync, ConflictQueries queries)
{
    public async Task<ConflictBulkResult> ResolveManyAsync(IReadOnlyCollection<Guid> leadIds, ConflictPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        if (policy is not (ConflictPolicy.ZohoWins or ConflictPolicy.LocalWins or ConflictPolicy.NewestWins))
        {
            throw new ArgumentException("Policy must be ZohoWins, LocalWins or NewestWins.", nameof(policy));
        }

        var resolved = 0;
        var failures = new List<ConflictBulkFailure>();
        foreach (var id in leadIds.Distinct())
        {
            try
            {
                await sync.ResolveConflictAsync(id, null, policy, cancellationToken);
                resolved++;
            }
            catch (Exception ex) when (ex is LeadValidationException or LeadNotFoundException or InvalidOperationException)
            {
                failures.Add(new ConflictBulkFailure(id, ex.Message));
            }
        }

        return new ConflictBulkResult(resolved, failures);
    }

    /// <summary>Settles every lead held in Conflict by one policy.</summary>
    public async Task<ConflictBulkResult> ResolveAllAsync(ConflictPolicy policy, CancellationToken cancellationToken = default) =>
        await ResolveManyAsync(await queries.GetOpenLeadIdsAsync(cancellationToken), policy, cancellationToken);
}
