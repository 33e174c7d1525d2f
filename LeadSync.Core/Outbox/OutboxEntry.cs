namespace LeadSync.Core.Outbox;

/// <summary>
/// A durable "this lead must be pushed" row, written in the same transaction as the lead change.
/// At most one entry exists per lead: later edits coalesce into it by bumping <see cref="Revision"/>.
/// </summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }

    public Guid LeadId { get; set; }

    public OutboxOperation Operation { get; set; }

    /// <summary>The Zoho id to delete (the lead row no longer exists for a delete).</summary>
    public string? ZohoId { get; set; }

    /// <summary>Bumped by every coalesced change, so a batch in flight knows the lead moved on meanwhile.</summary>
    public int Revision { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the entry is due (now, or later after a backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The instance that holds the entry, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Stopped retrying after <c>Sync:MaxAttempts</c> or a permanent error; waits for an admin's retry.</summary>
    public bool DeadLettered { get; set; }

    /// <summary>The last failure of this entry (Zoho code and message).</summary>
    public string? LastErrorCode { get; set; }

    public string? LastErrorMessage { get; set; }

    /// <summary>
    /// For a lead's first push (a create, upsert by email): the email, lower-cased, of the first attempt. A create whose
    /// answer was lost may exist in Zoho under it; if the lead's email changes before the retry, the retry still upserts
    /// by this email (so it links that record instead of creating a second one) and the new email follows as an update.
    /// </summary>
    public string? CreateEmail { get; set; }

    /// <summary>When the first attempt of a create was claimed: a record it made was modified no earlier.</summary>
    public DateTimeOffset? CreateAttemptedAt { get; set; }

    /// <summary>
    /// The values an attempt of a create sent when its answer was lost (the create may exist in Zoho with them): the
    /// agreed values to merge against when that record is found, so edits made since on either side are merged and
    /// recorded, never overwritten.
    /// </summary>
    public Leads.LeadFields? CreateSnapshot { get; set; }

    /// <summary>
    /// The run of a person's bulk push that queued this entry and will send it (<see cref="OutboxReservation"/>); other
    /// drains see the entry as claimed until the reservation ends. Null for everything else.
    /// </summary>
    public Guid? ReservedFor { get; set; }

    /// <summary>What caused the change (for the run record).</summary>
    public ChangeSource Trigger { get; set; } = ChangeSource.Console;
}
