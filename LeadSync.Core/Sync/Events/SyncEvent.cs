namespace LeadSync.Core.Sync.Events;

/// <summary>Something the live console may show; <see cref="InstanceId"/> says which LeadSync instance saw it.</summary>
public abstract record SyncEvent(DateTimeOffset At, string InstanceId);
