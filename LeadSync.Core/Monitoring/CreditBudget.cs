using System.Globalization;
using LeadSync.Core.Data;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Monitoring;

/// <summary>
/// The deployment's Zoho credit budget (<c>Sync:DailyCreditBudget</c>) over a rolling 24 hours, counted from the runs
/// of every instance (the shared <c>SyncRuns</c> table) plus the credits of the run asking. Once it is spent, sync
/// work pauses — no drain claims, no pull starts — and the engine shows why, until credits age out of the window or
/// an admin raises the budget (a live setting). Zoho's own daily limit still answers 429 beyond it.
/// </summary>
public sealed class CreditBudget(
    IDbContextFactory<LeadSyncDbContext> contexts, IOptionsMonitor<CreditBudgetOptions> options, EngineStateTracker engine, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// Null while credits remain; otherwise why sync pauses (also shown by the engine). The credits of
    /// <paramref name="run"/>, still in progress and not yet stored, count too.
    /// </summary>
    public async Task<string?> SpentAsync(SyncRunContext? run, CancellationToken cancellationToken)
    {
        var used = await UsedAsync(cancellationToken) + (run?.Counts.Credits ?? 0);
        var budget = options.CurrentValue.DailyCreditBudget;
        if (used < budget)
        {
            engine.BudgetAvailable();
            return null;
        }

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"The daily Zoho credit budget is spent ({used:N0} of {budget:N0} credits in 24 hours): sync pauses until credits age out or an admin raises the budget in Settings. Changes keep queuing.");
        engine.BudgetSpent(detail);
        return detail;
    }

    /// <summary>Credits the deployment's runs spent in the last 24 hours (a sum over an index; runs store their credits when they end).</summary>
    private async Task<int> UsedAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Window;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SyncRun>().Where(r => r.StartedAt >= since).SumAsync(r => r.Credits, cancellationToken);
    }
}
