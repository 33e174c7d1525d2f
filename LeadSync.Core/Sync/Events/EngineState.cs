namespace LeadSync.Core.Sync.Events;

/// <summary>What the sync engine is doing, as the console's indicator shows it.</summary>
public enum EngineState
{
    Idle,
    Pulling,
    Pushing,

    /// <summary>Zoho answered 429 recently; work continues with backoff.</summary>
    RateLimited,

    /// <summary>Zoho refuses the credentials (revoked refresh token, wrong client): changes queue until they work again.</summary>
    Unauthorized,

    /// <summary>The last run failed for a reason other than the above.</summary>
    Error,

    /// <summary>The deployment's daily credit budget (<c>Sync:DailyCreditBudget</c>) is spent: sync pauses, changes queue.</summary>
    BudgetSpent,
}
