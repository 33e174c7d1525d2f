using System.Diagnostics;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Core.Sync.Runs;

/// <summary>Closes a run's root span with the run's tallies and outcome (its error message is the span's status).</summary>
internal static class SyncRunSpan
{
    public static void End(Activity? activity, SyncRunCounts counts, string? error, bool interrupted)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("leadsync.run.created", counts.Created);
        activity.SetTag("leadsync.run.updated", counts.Updated);
        activity.SetTag("leadsync.run.deleted", counts.Deleted);
        activity.SetTag("leadsync.run.unchanged", counts.Unchanged);
        activity.SetTag("leadsync.run.conflicts", counts.Conflicts);
        activity.SetTag("leadsync.run.failed", counts.Failed);
        activity.SetTag("leadsync.zoho.calls", counts.ApiCalls);
        activity.SetTag("leadsync.zoho.credits", counts.Credits);
        activity.SetTag("leadsync.run.interrupted", interrupted);
        if (error is not null && !interrupted)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        activity.Stop();
    }
}
