using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.State;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The lead's sync facts, "Push now" / "Pull now" (one-lead runs through <see cref="SyncBulkActions"/>), and its sync
/// history. After a run ends, and when a live event says the lead's state changed, <see cref="Changed"/> reloads it.
/// </summary>
public sealed partial class LeadSyncPanel : IDisposable
{
    private readonly CancellationTokenSource disposal = new();
    private string? busyText;
    private IDisposable? subscription;
    private RenderThrottle? throttle;

    [Inject]
    private SyncBulkActions SyncActions { get; set; } = default!;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public Lead Lead { get; set; } = default!;

    /// <summary>Held in Conflict: Push waits for a person to settle it (<see cref="LeadSyncTransitions.IsHeld"/>).</summary>
    private bool Held => LeadSyncTransitions.IsHeld(Lead);

    /// <summary>Raised after the lead changed (a run ended, or a live event for it), so the dialog reloads it.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    protected override void OnInitialized()
    {
        throttle = new RenderThrottle(Clock, TimeSpan.FromMilliseconds(250), () => InvokeAsync(async () =>
        {
            if (busyText is null)
            {
                await Changed.InvokeAsync();
            }
        }));
        subscription = Live.Subscribe(e =>
        {
            if (e is LeadStateChanged changed && changed.LeadId == Lead.Id)
            {
                throttle.Signal();
            }
        });
    }

    private Task PushNowAsync() => RunAsync("Pushing…", "Push", ct => SyncActions.PushAsync(LeadSelection.Explicit([Lead.Id]), ct));

    private Task PullNowAsync() => RunAsync("Pulling…", "Pull", ct => SyncActions.PullAsync(LeadSelection.Explicit([Lead.Id]), ct));

    private async Task RunAsync(string text, string verb, Func<CancellationToken, Task<Guid>> start)
    {
        busyText = text;
        try
        {
            var runId = await start(disposal.Token);
            StateHasChanged();
            while (Live.Runs.Find(runId) is not { Finished: true })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), Clock, disposal.Token);
            }

            var run = Live.Runs.Find(runId)!;
            if (run.Error is not null || run.Counts is { Failed: > 0 })
            {
                Snackbar.Add($"{verb} did not succeed: {run.Error ?? "see the lead's last error"}", Severity.Warning);
            }
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or LeadWriteException)
        {
            Snackbar.Add($"{verb} did not start: {ex.Message}", Severity.Error);
        }
        finally
        {
            busyText = null;
        }

        await Changed.InvokeAsync();
    }

    public void Dispose()
    {
        subscription?.Dispose();
        throttle?.Dispose();
        disposal.Cancel();
        disposal.Dispose();
    }
}
