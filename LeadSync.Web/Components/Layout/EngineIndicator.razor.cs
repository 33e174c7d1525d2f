using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Web.Components.Pages.Leads;
using LeadSync.Web.Components.Shared;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Layout;

/// <summary>
/// Subscribes to the live sync events, re-reads the engine's status from Core on subscribe (so a new or reconnected
/// page starts right), and renders at most ten times a second. While rate-limited it re-reads the status every
/// <see cref="RecheckInterval"/>: the 429 back-off ends with time, not with an event; and it counts down to the
/// engine's retry every second.
/// </summary>
public sealed partial class EngineIndicator : IDisposable
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource disposal = new();
    private EngineStatusBoard board = default!;
    private EngineView view = EngineView.Unknown;
    private IDisposable? subscription;
    private RenderThrottle? throttle;
    private ITimer? recheck;
    private ITimer? countdown;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private SyncService Sync { get; set; } = default!;

    [Inject]
    private SyncInstance Instance { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string Description =>
        $"Sync engine: {view.Label}. Last pull: {(view.LastPullAt is { } at ? TimeDisplay.Exact(at) : "never")}. Pending pushes: {PendingText}.";

    /// <summary>"24", or "more than 10,000" (the queue is counted only so far: <see cref="OutboxCounts"/>).</summary>
    private string PendingText => LeadCountText.Bounded(view.PendingCount, OutboxCounts.Limit);

    protected override async Task OnInitializedAsync()
    {
        board = new EngineStatusBoard(Instance.Id, Clock);
        throttle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(Refresh));
        recheck = Clock.CreateTimer(_ => _ = RecheckAsync(), null, RecheckInterval, RecheckInterval);
        countdown = Clock.CreateTimer(_ => CountDown(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        subscription = Live.Subscribe(OnEvent);
        await ReadStatusAsync();
    }

    private void OnEvent(SyncEvent syncEvent)
    {
        if (board.Apply(syncEvent))
        {
            throttle?.Signal();
        }
    }

    private void Refresh()
    {
        view = board.Current;
        StateHasChanged();
    }

    private async Task ReadStatusAsync()
    {
        try
        {
            var readAt = Clock.GetUtcNow();
            board.Reset(await Sync.GetOverviewAsync(disposal.Token), readAt);
            view = board.Current;
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
        }
    }

    /// <summary>While rate limited, the label's "retry in N s" follows the clock.</summary>
    private void CountDown()
    {
        if (view.State == EngineState.RateLimited && !disposal.IsCancellationRequested)
        {
            throttle?.Signal();
        }
    }

    private async Task RecheckAsync()
    {
        if (view.State is not (EngineState.RateLimited or EngineState.Pushing or EngineState.Pulling) || disposal.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                await ReadStatusAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static bool IsBusy(EngineState state) => state is EngineState.Pulling or EngineState.Pushing;

    private static Color ColorFor(EngineState state) => state switch
    {
        EngineState.Pulling or EngineState.Pushing => Color.Info,
        EngineState.RateLimited or EngineState.BudgetSpent => Color.Warning,
        EngineState.Unauthorized or EngineState.Error => Color.Error,
        _ => Color.Success,
    };

    private static string IconFor(EngineState state) => state switch
    {
        EngineState.Pulling => Icons.Material.Filled.CloudDownload,
        EngineState.Pushing => Icons.Material.Filled.CloudUpload,
        EngineState.RateLimited => Icons.Material.Filled.HourglassTop,
        EngineState.BudgetSpent => Icons.Material.Filled.MoneyOff,
        EngineState.Unauthorized => Icons.Material.Filled.LockPerson,
        EngineState.Error => Icons.Material.Filled.ErrorOutline,
        _ => Icons.Material.Filled.CloudDone,
    };

    public void Dispose()
    {
        subscription?.Dispose();
        throttle?.Dispose();
        recheck?.Dispose();
        countdown?.Dispose();
        disposal.Cancel();
        disposal.Dispose();
    }
}
