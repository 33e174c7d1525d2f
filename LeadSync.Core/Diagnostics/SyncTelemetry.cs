using System.Diagnostics;
using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Diagnostics;

/// <summary>
/// LeadSync's trace source (<c>LeadSync.Sync</c>): a sync run is one trace — a root span per run, with a child span per
/// Zoho call and per database batch. Core only uses <see cref="System.Diagnostics"/>; the host decides whether anyone
/// listens (without a listener every <c>Start…</c> returns null and costs next to nothing).
/// </summary>
public static class SyncTelemetry
{
    public const string SourceName = "LeadSync.Sync";

    /// <summary>The source every LeadSync span comes from (one per process, as the .NET guidance says).</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts the root span of a run. It has no parent even when a request started the run (the request's span is
    /// linked instead), so each run is a trace of its own and its trace id can be stored with it.
    /// </summary>
    public static Activity? StartRun(SyncRunKind kind, SyncTrigger trigger, Guid runId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var caller = Activity.Current;
        ActivityLink[]? links = caller is null ? null : [new ActivityLink(caller.Context)];
        Activity.Current = null;
        var activity = Source.StartActivity(
            ActivityKind.Internal,
            parentContext: default,
            tags:
            [
                new("leadsync.run.id", runId.ToString()),
                new("leadsync.run.kind", kind.ToString()),
                new("leadsync.run.trigger", trigger.ToString()),
            ],
            links: links,
            name: "sync.run " + kind.ToString());
        if (activity is null)
        {
            Activity.Current = caller;
        }

        return activity;
    }

    /// <summary>Starts the span of one database batch of a run (applying a push batch's outcomes, a pulled page).</summary>
    public static Activity? StartDatabaseBatch(string operation, int records)
    {
        var activity = Source.StartActivity("db.batch " + operation, ActivityKind.Internal);
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("leadsync.records", records);
        return activity;
    }
}
