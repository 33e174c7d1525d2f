using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;

namespace LeadSync.Core.Sync.Pull;

/// <summary>The history rows one unit of a pull writes (direction Pull), all at the same run and moment.</summary>
internal sealed class PullHistory(LeadSyncDbContext db, SyncRunContext run, DateTimeOffset now)
{
    public void Add(Guid leadId, LeadHistoryOutcome outcome, string? changes = null, SyncError? error = null) =>
        db.Add(new LeadHistoryEntry
        {
            LeadId = leadId, RunId = run.RunId, At = now, Direction = SyncDirection.Pull, Outcome = outcome, Changes = changes,
            ErrorCode = error?.Code, ErrorMessage = error?.Message,
        });
}
