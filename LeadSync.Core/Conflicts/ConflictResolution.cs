namespace LeadSync.Core.Conflicts;

/// <summary>
/// How a conflict (a field changed on both sides to different values) was settled. Stored by name in
/// <c>SyncConflicts.Resolution</c> and answered by name by the API.
/// </summary>
public enum ConflictResolution
{
    /// <summary>Held for an admin (the Manual policy); the lead waits in Conflict.</summary>
    Pending,

    /// <summary>LeadSync's value was kept (and pushed to Zoho).</summary>
    Local,

    /// <summary>Zoho's value was taken.</summary>
    Zoho,

    /// <summary>A held conflict that a later change on one side settled before an admin picked.</summary>
    Superseded,
}
