using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Sync.Events;

/// <summary>A run moved on: <paramref name="Processed"/> records so far, with the counts so far.</summary>
public sealed record RunProgress(DateTimeOffset At, string InstanceId, Guid RunId, SyncRunKind Kind, int Processed, SyncRunCounts Counts)
    : SyncEvent(At, InstanceId)
{
    /// <summary>A bulk push's own progress (rows uploaded, Zoho's state, rows applied); null for other runs.</summary>
    public BulkWriteProgress? Bulk { get; init; }
}
