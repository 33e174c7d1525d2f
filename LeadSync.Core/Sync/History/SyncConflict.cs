using LeadSync.Core.Conflicts;
using LeadSync.Core.Sync.Merge;

namespace LeadSync.Core.Sync.History;

/// <summary>A field changed on both sides to different values, and how it was resolved.</summary>
public sealed class SyncConflict
{
    public long Id { get; set; }

    public Guid LeadId { get; set; }

    public Guid? RunId { get; set; }

    public string Field { get; set; } = string.Empty;

    public string? AgreedValue { get; set; }

    public string? LocalValue { get; set; }

    public string? ZohoValue { get; set; }

    /// <summary>Local or Zoho, Pending while the Manual policy waits for an admin, Superseded when a later change settled it.</summary>
    public ConflictResolution Resolution { get; set; }

    public ConflictPolicy Policy { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Zoho's <c>Modified_Time</c> of the version the conflict was seen in.</summary>
    public DateTimeOffset? ZohoModifiedTime { get; set; }
}
