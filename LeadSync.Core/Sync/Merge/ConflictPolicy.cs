namespace LeadSync.Core.Sync.Merge;

/// <summary>How a field changed on both sides to different values is resolved (<c>Sync:ConflictPolicy</c>).</summary>
public enum ConflictPolicy
{
    /// <summary>Zoho's value wins (default).</summary>
    ZohoWins,

    /// <summary>LeadSync's value wins and is pushed to Zoho.</summary>
    LocalWins,

    /// <summary>The side changed last wins: the lead's <c>UpdatedAt</c> against Zoho's <c>Modified_Time</c> (ties go to Zoho).</summary>
    NewestWins,

    /// <summary>The lead is held in <c>Conflict</c> with both values until an admin picks; its push waits.</summary>
    Manual,
}
