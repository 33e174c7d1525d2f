using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;

namespace LeadSync.Core.Settings;

/// <summary>The sync settings an admin changes at run time (Settings page); applied without restart.</summary>
public sealed record SyncSettings(
    TimeSpan PullInterval,
    ConflictPolicy ConflictPolicy,
    bool PropagateDeletesToZoho,
    bool PropagateDeletesFromZoho,
    bool WorkflowTrigger,
    int DailyCreditBudget);
