using LeadSync.Core.Leads;

namespace LeadSync.Core.Monitoring;

/// <summary>
/// The dashboard's numbers: leads per sync state, the last successful pull and push, the outbox (pending entries, those
/// due now, dead letters), credits spent in the last 24 hours against the budget, and the activity chart of the chosen range.
/// </summary>
public sealed record DashboardSnapshot(
    IReadOnlyDictionary<SyncState, int> LeadsByState,
    DateTimeOffset? LastPullAt,
    DateTimeOffset? LastPushAt,
    int QueuePending,
    int QueueDue,
    int QueueDeadLettered,
    int CreditsLast24Hours,
    int DailyCreditBudget,
    SyncActivity Activity)
{
    public int TotalLeads => LeadsByState.Values.Sum();

    /// <summary>Share of the budget spent (0–100+).</summary>
    public double BudgetPercent => DailyCreditBudget <= 0 ? 0 : 100.0 * CreditsLast24Hours / DailyCreditBudget;

    /// <summary>True above 80% of the budget.</summary>
    public bool BudgetWarning => BudgetPercent > 80;
}
