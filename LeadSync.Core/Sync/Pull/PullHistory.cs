using LeadSync.Core.Data;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;

namespace LeadSync.Core.Sync.Pull;

/// <summary>The history rows a pull writes (direction Pull).</summary>
internal static class PullHistory
{
    public static void Add(LeadSyncDbContext db, Guid leadId, SyncRunContext run, DateTimeOffset now, LeadHistoryOutcome outcome, string? changes, string? code, string? message) =>
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Pull, Outcome = outcome, Changes = changes,
            ErrorCode = code, ErrorMessage = message,
        });
}
