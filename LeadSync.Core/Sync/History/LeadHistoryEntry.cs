namespace LeadSync.Core.Sync.History;

/// <summary>What one run did to one lead: direction, field changes (<c>Field: old → new</c>), outcome and error.</summary>
public sealed class LeadHistoryEntry
{
    public long Id { get; set; }

    public Guid LeadId { get; set; }

    public Guid? RunId { get; set; }

    public DateTimeOffset At { get; set; }

    public SyncDirection Direction { get; set; }

    public LeadHistoryOutcome Outcome { get; set; }

    /// <summary>One line per changed field: <c>Phone: 555-1 → 555-2</c>.</summary>
    public string? Changes { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}
