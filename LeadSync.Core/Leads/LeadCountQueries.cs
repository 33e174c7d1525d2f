using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads;

/// <summary>
/// Exact lead counts read from <see cref="LeadCount"/> (a few dozen rows) instead of counting the leads: the Leads page
/// without a search term, the dashboard's sync states and the sync overview stay as fast at a million leads as at ten.
/// A filter with a search term cannot be answered here; <see cref="LeadQueries"/> counts those leads.
/// </summary>
public static class LeadCountQueries
{
    /// <summary>True when <see cref="CountAsync"/> can answer for this filter (no search term, no extra-field filter).</summary>
    public static bool CanCount(LeadFilter? filter) => SearchTerm.From(filter?.Search) is null && filter?.Fields is null or { Count: 0 } && filter?.HasFieldErrors is null;

    /// <summary>How many leads match a filter without a search term (the same rules as <see cref="LeadQueries.Filter"/>).</summary>
    public static async Task<int> CountAsync(LeadSyncDbContext db, LeadFilter? filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!CanCount(filter))
        {
            throw new ArgumentException("A filter with a search term, an extra-field or a field-error filter is counted over the leads, not from the counts.", nameof(filter));
        }

        IQueryable<LeadCount> counts = db.Set<LeadCount>().AsNoTracking();
        if (filter?.SyncStates is { Count: > 0 } states)
        {
            var list = states.Distinct().ToList();
            counts = counts.Where(c => list.Contains(c.SyncState));
        }

        if (filter?.Statuses is { Count: > 0 } statuses)
        {
            // A lead without a status is counted under the empty string, which is also the filter's "no status".
            var list = statuses.Distinct().ToList();
            counts = counts.Where(c => list.Contains(c.Status));
        }

        return checked((int)await counts.SumAsync(c => c.Count, cancellationToken));
    }

    /// <summary>How many leads are in each sync state (every state present, zero when none).</summary>
    public static async Task<Dictionary<SyncState, int>> ByStateAsync(LeadSyncDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var byState = await db.Set<LeadCount>().AsNoTracking().GroupBy(c => c.SyncState)
            .Select(g => new { State = g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(cancellationToken);
        return Enum.GetValues<SyncState>().ToDictionary(s => s, s => checked((int)(byState.FirstOrDefault(x => x.State == s)?.Count ?? 0)));
    }

    /// <summary>How many leads are in one sync state.</summary>
    public static Task<int> InStateAsync(LeadSyncDbContext db, SyncState state, CancellationToken cancellationToken = default) =>
        CountAsync(db, new LeadFilter { SyncStates = [state] }, cancellationToken);
}
