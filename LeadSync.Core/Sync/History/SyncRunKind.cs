namespace LeadSync.Core.Sync.History;

/// <summary>What a sync run did.</summary>
public enum SyncRunKind
{
    Push,
    Pull,
    FullResync,
    PullLeads,
    ResolveConflict,
}
