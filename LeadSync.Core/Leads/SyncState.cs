namespace LeadSync.Core.Leads;

/// <summary>Where a lead stands with Zoho CRM.</summary>
public enum SyncState
{
    /// <summary>Created locally and never sent to Zoho.</summary>
    NeverSynced = 0,

    /// <summary>A local change waits in the outbox (or is being retried).</summary>
    Pending = 1,

    /// <summary>Local values and Zoho agree.</summary>
    Synced = 2,

    /// <summary>Zoho refused the last push; <see cref="Lead.LastError"/> says why.</summary>
    Error = 3,

    /// <summary>Both sides changed the same field and the Manual policy holds it for an admin.</summary>
    Conflict = 4,

    /// <summary>The push failed too many times and stopped retrying until an admin retries it.</summary>
    DeadLetter = 5,
}
