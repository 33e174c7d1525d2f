namespace LeadSync.Core.Sync.Events;

/// <summary>Many leads changed at once (a pull page, a push batch): views should reload rather than patch rows.</summary>
public sealed record LeadsChanged(DateTimeOffset At, string InstanceId, int Count, Guid? RunId) : SyncEvent(At, InstanceId);
