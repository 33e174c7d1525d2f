namespace LeadSync.Core.Sync.Events;

/// <summary>A run's tallies.</summary>
public sealed record SyncRunCounts(int Created, int Updated, int Deleted, int Unchanged, int Conflicts, int Failed, int ApiCalls, int Credits);
