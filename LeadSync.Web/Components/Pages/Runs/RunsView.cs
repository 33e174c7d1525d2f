using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.History;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>What the runs page filters on — kind, trigger, outcome and start time — everything that goes into its address.</summary>
public sealed record RunsView(SyncRunKind? Kind, SyncTrigger? Trigger, SyncRunOutcome? Outcome, RunTimeRange Range, DateTimeOffset? From, DateTimeOffset? To)
{
    public static RunsView Default { get; } = new(null, null, null, RunTimeRange.Any, null, null);
}
