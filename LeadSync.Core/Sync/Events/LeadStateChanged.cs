using LeadSync.Core.Leads;

namespace LeadSync.Core.Sync.Events;

/// <summary>One lead's sync state changed; <paramref name="State"/> is null when the lead was deleted.</summary>
public sealed record LeadStateChanged(DateTimeOffset At, string InstanceId, Guid LeadId, SyncState? State, SyncError? Error) : SyncEvent(At, InstanceId);
