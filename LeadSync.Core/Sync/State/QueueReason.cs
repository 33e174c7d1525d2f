namespace LeadSync.Core.Sync.State;

/// <summary>Why a lead's values are queued for Zoho; it decides what the queueing resets (see <see cref="LeadSyncTransitions.Queue"/>).</summary>
public enum QueueReason
{
    /// <summary>A person (console, API, bulk action) changed or deleted the lead, or chose to push it.</summary>
    LocalChange,

    /// <summary>A person asked to try failed pushes again.</summary>
    Retry,

    /// <summary>A full resync queues leads never linked to Zoho.</summary>
    Resync,

    /// <summary>A merge left values Zoho does not hold yet (a local change won): the engine re-queues them.</summary>
    Merge,
}
