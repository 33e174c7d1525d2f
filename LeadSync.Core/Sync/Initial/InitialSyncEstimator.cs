using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Zoho.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Initial;

/// <summary>
/// Works out an <see cref="InitialSyncPlan"/> without changing anything: counts the local leads, asks Zoho for its
/// count (1 credit), and — when both sides hold leads — reads Zoho's emails through a Bulk Read of <c>Email</c> only
/// (50 credits per 200,000), streamed page by page against the never-linked local leads, so neither side is held in
/// memory beyond the matched lead ids.
/// </summary>
public sealed class InitialSyncEstimator(
    IDbContextFactory<LeadSyncDbContext> contexts,
    IZohoBulkReadClient bulk,
    BulkLeadReader reader,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    public async Task<InitialSyncPlan> EstimateAsync(CancellationToken cancellationToken = default)
    {
        var (total, linked) = await CountLocalAsync(cancellationToken);
        var neverLinked = total - linked;
        var zohoTotal = await bulk.CountLeadsAsync(null, cancellationToken);
        var dryRunCredits = InitialSyncPlan.DryRunCost(zohoTotal, neverLinked);
        var matches = zohoTotal == 0 || neverLinked == 0 ? 0 : await CountEmailMatchesAsync(cancellationToken);
        var credits = InitialSyncCredits.Estimate(zohoTotal, Math.Max(0, neverLinked - matches), options.CurrentValue.BulkWriteThreshold);
        return new InitialSyncPlan(total, linked, neverLinked, zohoTotal, matches, credits, dryRunCredits, clock.GetUtcNow());
    }

    private async Task<(int Total, int Linked)> CountLocalAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Leads.CountAsync(cancellationToken);
        var linked = await db.Leads.CountAsync(l => l.ZohoId != null, cancellationToken);
        return (total, linked);
    }

    /// <summary>Never-linked local leads whose email a Zoho lead holds (each lead counted once).</summary>
    private async Task<int> CountEmailMatchesAsync(CancellationToken cancellationToken)
    {
        var matched = new HashSet<Guid>();
        await reader.ForEachPageAsync(new ZohoBulkReadQuery { Fields = ["Email"] }, async (page, token) =>
        {
            var emails = page.Select(r => Lead.NormalizeEmail(r.Email)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            await using var db = await contexts.CreateDbContextAsync(token);
            var ids = await db.Leads.AsNoTracking().Where(l => l.ZohoId == null && emails.Contains(l.EmailNormalized)).Select(l => l.Id).ToListAsync(token);
            matched.UnionWith(ids);
        }, cancellationToken);
        return matched.Count;
    }
}
