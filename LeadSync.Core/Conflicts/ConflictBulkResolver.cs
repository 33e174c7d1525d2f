using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Conflicts;

/// <summary>
/// The one bulk path for conflicts: settles the open conflicts of many leads by one policy, lead by lead through
/// <see cref="ConflictResolutionService"/>. A lead that cannot be settled is reported in the result, not fatal.
/// </summary>
public sealed class ConflictBulkResolver(ConflictResolutionService resolver, ConflictQueries queries)
{
    /// <summary>Settles these leads, in the order given (each once).</summary>
    public Task<ConflictBulkResult> ResolveAsync(
        IReadOnlyCollection<Guid> leadIds, ConflictPolicy policy, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        EnsureBulkPolicy(policy);
        return ResolveEachAsync(leadIds.Distinct().ToList(), policy, progress, cancellationToken);
    }

    /// <summary>Settles the selected leads that are held in Conflict (a filter is evaluated by the database now).</summary>
    public async Task<ConflictBulkResult> ResolveAsync(
        LeadSelection selection, ConflictPolicy policy, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        EnsureBulkPolicy(policy);
        return await ResolveEachAsync(await queries.GetHeldLeadIdsAsync(selection, cancellationToken), policy, progress, cancellationToken);
    }

    /// <summary>Settles every lead with open conflicts.</summary>
    public async Task<ConflictBulkResult> ResolveAllAsync(
        ConflictPolicy policy, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        EnsureBulkPolicy(policy);
        return await ResolveEachAsync(await queries.GetOpenLeadIdsAsync(cancellationToken), policy, progress, cancellationToken);
    }

    private async Task<ConflictBulkResult> ResolveEachAsync(
        IReadOnlyList<Guid> leadIds, ConflictPolicy policy, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var resolved = 0;
        var failures = new List<ConflictBulkFailure>();
        Guid? lastRun = null;
        foreach (var id in leadIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                lastRun = await resolver.ResolveAsync(id, null, policy, cancellationToken);
                resolved++;
            }
            catch (Exception ex) when (ex is LeadValidationException or LeadNotFoundException or InvalidOperationException or LeadWriteException)
            {
                failures.Add(new ConflictBulkFailure(id, ex.Message));
            }

            progress?.Report(resolved + failures.Count);
        }

        return new ConflictBulkResult(resolved, failures, lastRun);
    }

    private static void EnsureBulkPolicy(ConflictPolicy policy)
    {
        if (policy is not (ConflictPolicy.ZohoWins or ConflictPolicy.LocalWins or ConflictPolicy.NewestWins))
        {
            throw new ArgumentException("Choose ZohoWins, LocalWins or NewestWins to resolve many leads at once.", nameof(policy));
        }
    }
}
