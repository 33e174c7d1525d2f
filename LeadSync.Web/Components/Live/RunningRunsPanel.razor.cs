using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Live;

/// <summary>
/// Lists the runs in progress (from <see cref="LiveRunTracker"/>), refreshed at most ten times a second: a person's runs
/// each with a bar; background runs — the schedule's, a notification's pull (Zoho notifying a bulk push's writes back
/// when no echo explains them), a lead change's drain — summed up in one line, so they never stack above the grid.
/// </summary>
public sealed partial class RunningRunsPanel : IDisposable
{
    private IReadOnlyList<LiveRun> personRuns = [];
    private IReadOnlyList<LiveRun> backgroundRuns = [];
    private IDisposable? subscription;
    private RenderThrottle? throttle;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override void OnInitialized()
    {
        Take(Live.Runs.Running);
        throttle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(() =>
        {
            Take(Live.Runs.Running);
            StateHasChanged();
        }));
        subscription = Live.Subscribe(e =>
        {
            if (e is RunStarted or RunProgress or RunFinished)
            {
                throttle.Signal();
            }
        });
    }

    private void Take(IReadOnlyList<LiveRun> running)
    {
        // A bulk push always has its own bar, whoever started it (an import's drain starts one too).
        personRuns = [.. running.Where(r => r.IsPersonStarted || r.Bulk is not null)];
        backgroundRuns = [.. running.Where(r => !r.IsPersonStarted && r.Bulk is null)];
    }

    /// <summary>"2 background runs: Pulling selected leads, Pushing to Zoho".</summary>
    internal static string BackgroundSummary(IReadOnlyList<LiveRun> runs)
    {
        var kinds = runs.GroupBy(LabelFor).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        return $"{runs.Count} background {(runs.Count == 1 ? "run" : "runs")}: {string.Join(", ", kinds)}";
    }

    /// <summary>"Bulk Write: 25,000 of 100,000 uploaded · Zoho IN PROGRESS · 12,000 applied (3 failed) · 4 jobs".</summary>
    internal static string BulkSummary(BulkWriteProgress bulk)
    {
        var failed = bulk.Failed > 0 ? $" ({bulk.Failed:N0} failed)" : "";
        return $"{bulk.Uploaded:N0} of {bulk.Rows:N0} uploaded · Zoho {bulk.ZohoState ?? "not yet"} · {bulk.Applied:N0} applied{failed} · {bulk.Jobs} {(bulk.Jobs == 1 ? "job" : "jobs")}";
    }

    private static double Percent(int part, int whole) => whole <= 0 ? 0 : Math.Min(100, 100.0 * part / whole);

    internal static string LabelFor(LiveRun run) => run.Bulk is not null && run.Kind == SyncRunKind.Push ? "Bulk Write to Zoho" : run.Kind switch
    {
        SyncRunKind.Push => "Pushing to Zoho",
        SyncRunKind.Pull => "Pulling from Zoho",
        SyncRunKind.FullResync => "Full resync",
        SyncRunKind.PullLeads => "Pulling selected leads",
        SyncRunKind.ResolveConflict => "Resolving conflicts",
        _ => run.Kind.ToString(),
    };

    private static string IconFor(LiveRun run) => run.Kind is SyncRunKind.Push
        ? Icons.Material.Filled.CloudUpload
        : Icons.Material.Filled.CloudDownload;

    public void Dispose()
    {
        subscription?.Dispose();
        throttle?.Dispose();
    }
}
