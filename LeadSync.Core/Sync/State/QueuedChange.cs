using LeadSync.Core.Outbox;

namespace LeadSync.Core.Sync.State;

/// <summary>What is queued for Zoho (values or a delete), why, and who caused it — the arguments of one queueing.</summary>
public readonly record struct QueuedChange(OutboxOperation Operation, QueueReason Reason, ChangeSource Source)
{
    /// <summary>A person changed (or created) the lead: its values go to Zoho.</summary>
    public static QueuedChange Edit(ChangeSource source) => new(OutboxOperation.Upsert, QueueReason.LocalChange, source);

    /// <summary>A person deleted the lead: its Zoho record goes too.</summary>
    public static QueuedChange Delete(ChangeSource source) => new(OutboxOperation.Delete, QueueReason.LocalChange, source);

    /// <summary>A merge left values Zoho does not hold yet.</summary>
    public static QueuedChange Merge { get; } = new(OutboxOperation.Upsert, QueueReason.Merge, ChangeSource.Merge);

    /// <summary>A full resync found a lead never linked to Zoho.</summary>
    public static QueuedChange Resync { get; } = new(OutboxOperation.Upsert, QueueReason.Resync, ChangeSource.Resync);
}
