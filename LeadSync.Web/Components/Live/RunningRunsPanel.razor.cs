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
        personRuns = [.. running.Where(r => r.IsPersonStarted)];
        backgroundRuns = [.. running.Where(r => !r.IsPersonStarted)];
    }

    /// <summary>"2 background runs: Pulling selected leads, Pushing to Zoho".</summary>
    internal static string BackgroundSummary(IReadOnlyList<LiveRun> runs)
    {
        var kinds = runs.GroupBy(LabelFor).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        return $"{runs.Count} background {(runs.Count == 1 ? "run" : "runs")}: {string.Join(", ", kinds)}";
    }

    internal static string LabelFor(LiveRun run) => run.Kind switch
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
