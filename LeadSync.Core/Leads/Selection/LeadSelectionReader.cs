using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Leads.Selection;

/// <summary>
/// Reads the leads a <see cref="LeadSelection"/> stands for a chunk at a time, so an "all N matching" action over a
/// million leads never holds a list of all their ids: each chunk is a keyset read (id order, ids after the last one
/// read), dealt with by the caller before the next is read. The rule for leads that change meanwhile
/// (docs/architecture.md, "All matching"): only leads that existed when the action started
/// (<see cref="LeadSelectionSnapshot.StartedAt"/>) are read, the filter is asked as each chunk is read, and the cursor
/// never goes back, so each lead is acted on at most once.
/// </summary>
public sealed class LeadSelectionReader(IDbContextFactory<LeadSyncDbContext> contexts)
{
    private int largestChunk;

    /// <summary>The most leads any chunk held since the application started (a diagnostic: never above the chunk size).</summary>
    public int LargestChunk => Volatile.Read(ref largestChunk);

    /// <summary>
    /// The selection's leads (narrowed by <paramref name="narrow"/>, if given) in chunks of at most
    /// <see cref="LeadSelectionSnapshot.ChunkSize"/>, in id order.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<SelectedLead>> ReadAsync(
        LeadSelectionSnapshot snapshot, Expression<Func<Lead, bool>>? narrow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Guid? after = null;
        while (true)
        {
            var chunk = await ReadChunkAsync(snapshot, narrow, after, cancellationToken);
            if (chunk.Count == 0)
            {
                yield break;
            }

            Note(chunk.Count);
            after = chunk[^1].Id;
            yield return chunk;
            if (chunk.Count < snapshot.ChunkSize)
            {
                yield break;
            }
        }
    }

    private async Task<List<SelectedLead>> ReadChunkAsync(
        LeadSelectionSnapshot snapshot, Expression<Func<Lead, bool>>? narrow, Guid? after, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var startedAt = snapshot.StartedAt;
        var query = LeadQueries.Selected(db, snapshot.Selection).Where(l => l.CreatedAt <= startedAt);
        if (narrow is not null)
        {
            query = query.Where(narrow);
        }

        if (after is { } last)
        {
            query = query.Where(l => l.Id.CompareTo(last) > 0);
        }

        return await query.OrderBy(l => l.Id).Take(snapshot.ChunkSize)
            .Select(l => new SelectedLead(l.Id, l.ZohoId)).ToListAsync(cancellationToken);
    }

    private void Note(int count)
    {
        int seen;
        while (count > (seen = Volatile.Read(ref largestChunk)) && Interlocked.CompareExchange(ref largestChunk, count, seen) != seen)
        {
        }
    }
}
