namespace LeadSync.Core.Outbox;

public enum PushOutcomeKind
{
    /// <summary>Zoho applied it.</summary>
    Done,

    /// <summary>Delete propagation is off: only the local row went.</summary>
    Skipped,

    /// <summary>Zoho refused the values (INVALID_DATA, MANDATORY_NOT_FOUND, DUPLICATE_DATA…).</summary>
    Rejected,

    /// <summary>
    /// Zoho refused the value of one extra field (its error names the field, docs/zoho §3): the field is recorded as
    /// failing and the lead goes again without it (<c>LeadSyncTransitions.FieldRefused</c>).
    /// </summary>
    FieldRefused,

    /// <summary>The update's Zoho record no longer exists: unlink and upsert by email next time.</summary>
    Relink,

    /// <summary>
    /// A create whose earlier answer was lost found no record of its email in Zoho, but Zoho's deleted records hold one of
    /// its name deleted since that attempt — most likely the record it made. It is not created again by itself: the lead
    /// waits for a person (<c>LeadSyncTransitions.HeldAfterLostCreate</c>, <see cref="LostCreateRecovery.FindDeletedAsync"/>).
    /// </summary>
    DeletedAfterLostCreate,

    /// <summary>429, 5xx, timeout or a lost response: try again later.</summary>
    Transient,

    /// <summary>The lead already holds the values both sides agreed on: nothing was sent, it is in sync.</summary>
    Unchanged,

    /// <summary>
    /// Zoho changed the record since the agreed values: it was merged as a pull merges (conflicts recorded, what is still
    /// to send re-queued); the claim is only given back.
    /// </summary>
    Merged,
}
