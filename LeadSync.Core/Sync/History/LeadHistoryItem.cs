namespace LeadSync.Core.Sync.History;

/// <summary>One line of a lead's sync history, as the lead dialog lists it.</summary>
public sealed record LeadHistoryItem(
    long Id,
    DateTimeOffset At,
    SyncDirection Direction,
    LeadHistoryOutcome Outcome,
    Guid? RunId,
    IReadOnlyList<string> Changes,
    string? ErrorCode,
    string? ErrorMessage);
