using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;

namespace LeadSync.Web.Realtime;

/// <summary>A run as the live console shows it: progress so far and, once finished, its outcome.</summary>
public sealed record LiveRun(
    Guid RunId,
    SyncRunKind Kind,
    string InstanceId,
    DateTimeOffset StartedAt,
    int Processed,
    SyncRunCounts? Counts,
    bool Finished,
    string? Error);
