namespace LeadSync.Core.Sync.History;

/// <summary>What one run did to one lead (stored by name in <c>LeadHistory.Outcome</c>).</summary>
public enum LeadHistoryOutcome
{
    /// <summary>The lead was created on the other side (push: a Zoho record; pull: a local lead).</summary>
    Created,

    /// <summary>Field changes were carried to the other side.</summary>
    Updated,

    /// <summary>The lead was deleted on the other side.</summary>
    Deleted,

    /// <summary>A local lead was joined to an existing Zoho record (same email).</summary>
    Linked,

    /// <summary>The Zoho record is gone; the lead was kept and unlinked.</summary>
    Unlinked,

    /// <summary>The lead's Zoho record was gone and its push created a new one.</summary>
    Relinked,

    /// <summary>A field changed on both sides: the lead is held or a policy chose a side.</summary>
    Conflict,

    /// <summary>An admin resolved the lead's conflicts.</summary>
    Resolved,

    /// <summary>A create whose answer was lost was found in Zoho and linked.</summary>
    Recovered,

    /// <summary>Zoho refused the change (or the Zoho copy); it waits for a retry or an edit.</summary>
    Failed,

    /// <summary>
    /// One extra field did not sync — Zoho refused LeadSync's value (the lead went again without it), or Zoho's value
    /// does not fit the field — while the rest of the lead did; the lead shows the field error.
    /// </summary>
    FieldError,

    /// <summary>The push gave up after its last attempt; an admin must retry it.</summary>
    DeadLettered,
}
