using LeadSync.Core.Leads;

namespace LeadSync.Core.Monitoring;

/// <summary>One failed lead of a <see cref="FailureGroup"/>, with its push attempts so far.</summary>
public sealed record FailedLead(
    Guid LeadId, string Name, string Email, SyncState State, string Code, string? Field, string Message, int Attempts, DateTimeOffset UpdatedAt)
{
    public bool IsDeadLettered => State == SyncState.DeadLetter;
}
