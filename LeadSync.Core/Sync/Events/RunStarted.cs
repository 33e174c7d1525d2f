using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Sync.Events;

public sealed record RunStarted(DateTimeOffset At, string InstanceId, Guid RunId, SyncRunKind Kind, SyncTrigger Trigger) : SyncEvent(At, InstanceId);
