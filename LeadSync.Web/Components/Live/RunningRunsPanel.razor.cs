using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Live;

/// <summary>Lists the runs in progress (from <see cref="LiveRunTracker"/>), refreshed at most ten times a second.</summary>
public sealed partial class RunningRunsPanel : IDisposable
{
    private IReadOnlyList<LiveRun> runs = [];
    private IDisposable? subscription;
    private RenderThrottle? throttle;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override void OnInitialized()
    {
        runs = Live.Runs.Running;
        throttle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(() =>
        {
            runs = Live.Runs.Running;
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
