namespace LeadSync.Core.Sync.History;

/// <summary>What started a sync run.</summary>
public enum SyncTrigger
{
    /// <summary>An admin (console or REST API).</summary>
    Manual,

    /// <summary>The scheduler (pull interval, outbox sweep).</summary>
    Scheduled,

    /// <summary>A Zoho notification.</summary>
    Webhook,

    /// <summary>A bulk action (import, "all matching").</summary>
    Bulk,

    /// <summary>A lead change nudged the push.</summary>
    Change,
}
