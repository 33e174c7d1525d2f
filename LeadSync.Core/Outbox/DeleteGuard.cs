using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Outbox;

/// <summary>
/// The rule that a delete sent to Zoho never takes a record a lead here still owns: a lead linked to the record since the
/// delete was queued, or — for a delete of a create that was never linked — a lead made again under that create's email
/// (its upsert by email takes that very record over). Such a delete has nothing left to do: the record is that lead's now.
/// </summary>
public sealed class DeleteGuard(IDbContextFactory<LeadSyncDbContext> contexts)
{
    /// <summary>The entry ids of <paramref name="deletes"/> (each with the Zoho id it would delete) whose record a lead here owns.</summary>
    public async Task<IReadOnlySet<long>> OwnedAsync(IReadOnlyList<ClaimedEntry> deletes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletes);
        if (deletes.Count == 0)
        {
            return new HashSet<long>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = deletes.Select(d => d.ZohoId!).Distinct(StringComparer.Ordinal).ToList();
        var emails = deletes.Where(d => d.CreateEmail is not null).Select(d => d.CreateEmail!).Distinct(StringComparer.Ordinal).ToList();
        var linked = (await db.Leads.Where(l => l.ZohoId != null && ids.Contains(l.ZohoId)).Select(l => l.ZohoId!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var madeAgain = emails.Count == 0
            ? []
            : (await db.Leads.Where(l => emails.Contains(l.EmailNormalized)).Select(l => l.EmailNormalized).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        return deletes.Where(d => linked.Contains(d.ZohoId!) || (d.CreateEmail is not null && madeAgain.Contains(d.CreateEmail)))
            .Select(d => d.EntryId).ToHashSet();
    }
}
