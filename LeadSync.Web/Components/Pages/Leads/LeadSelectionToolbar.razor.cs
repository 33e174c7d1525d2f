using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Runs;
using LeadSync.Web.Components.Shared;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Shown while leads are selected: the count, "select all matching", Delete, and the sync actions (push, pull, retry,
/// resolve conflicts) which hand the selection — ids or the filter — to Core. A push is followed through Core's
/// <see cref="BulkPushProgress"/> (every selected lead, whichever run sends it); a pull or retry run's progress comes
/// from the live run events. The end shows a summary snackbar linking to the run(s).
/// </summary>
public sealed partial class LeadSelectionToolbar : IDisposable
{
    private readonly CancellationTokenSource disposal = new();
    private bool busy;
    private string progressText = string.Empty;
    private int progressDone;
    private int progressTotal;
    private Guid? activeRun;
    private TaskCompletionSource<LiveRun>? runDone;
    private IDisposable? subscription;
    private RenderThrottle? throttle;

    [Inject]
    private LeadBulkCommands Bulk { get; set; } = default!;

    [Inject]
    private SyncBulkActions SyncActions { get; set; } = default!;

    [Inject]
    private ConflictBulkResolver ConflictResolver { get; set; } = default!;

    [Inject]
    private BulkPushProgressQueries PushProgress { get; set; } = default!;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The current selection: explicit ids or "every lead matching a filter".</summary>
    [Parameter, EditorRequired]
    public LeadSelection Selection { get; set; } = LeadSelection.None;

    /// <summary>How many leads match the grid's filter now (offered as "select all M matching").</summary>
    [Parameter]
    public int MatchingCount { get; set; }

    /// <summary>More than <see cref="MatchingCount"/> match (a search counted only so far): the offer names no number.</summary>
    [Parameter]
    public bool MatchingIsLowerBound { get; set; }

    private string SelectAllText => MatchingIsLowerBound
        ? $"Select all matching this filter ({LeadCountText.Of(MatchingCount, true)})"
        : $"Select all {MatchingCount:N0} matching this filter";

    /// <summary>A progress bar needs the number of leads; a selection counted only so far has none (an open-ended progress).</summary>
    private static int KnownCount(LeadSelection selection) => selection.CountIsLowerBound ? 0 : selection.Count;

    /// <summary>How many selected leads the grid does not show now (another page, or outside the filter).</summary>
    [Parameter]
    public int NotShownCount { get; set; }

    /// <summary>Switch to filter mode: every lead matching the grid's current filter.</summary>
    [Parameter]
    public EventCallback SelectAllMatching { get; set; }

    /// <summary>Empty the selection.</summary>
    [Parameter]
    public EventCallback Cleared { get; set; }

    /// <summary>Leads changed: reload the grid (the selection stays).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private double ProgressPercent => progressTotal == 0 ? 0 : Math.Min(100, 100.0 * progressDone / progressTotal);

    protected override void OnInitialized()
    {
        throttle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(StateHasChanged));
        subscription = Live.Subscribe(OnSyncEvent);
    }

    private void OnSyncEvent(SyncEvent syncEvent)
    {
        if (activeRun is not { } runId || runDone is null) // a push follows Core's progress, not its run's events
        {
            return;
        }

        switch (syncEvent)
        {
            case RunProgress progress when progress.RunId == runId:
                progressDone = progress.Processed;
                progressText = ProgressText(progress.Kind, progress.Processed);
                throttle?.Signal();
                break;
            case RunFinished finished when finished.RunId == runId && Live.Runs.Find(runId) is { Finished: true } run:
                runDone?.TrySetResult(run);
                break;
        }
    }

    private Task PullAsync() => RunAsync("Pull", ct => SyncActions.PullAsync(Selection, ct));

    private Task RetryAsync() => RunAsync("Retry", ct => SyncActions.RetryFailedAsync(Selection, ct));

    private async Task RunAsync(string verb, Func<CancellationToken, Task<Guid>> start)
    {
        busy = true;
        progressDone = 0;
        progressTotal = KnownCount(Selection);
        progressText = $"{verb}: starting…";
        runDone = new TaskCompletionSource<LiveRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var runId = await start(disposal.Token);
            activeRun = runId;
            progressText = $"{verb}: waiting for Zoho…";
            StateHasChanged();
            await Changed.InvokeAsync(); // the leads are Pending now
            var run = await WaitForRunAsync(runId, runDone.Task);
            ShowSummary(verb, run);
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or LeadWriteException)
        {
            Snackbar.Add($"{verb} did not start: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
            activeRun = null;
            runDone = null;
        }

        await Changed.InvokeAsync();
    }

    /// <summary>The run's end from the live events; the tracker is checked too (the run may finish before its id is known here).</summary>
    private async Task<LiveRun> WaitForRunAsync(Guid runId, Task<LiveRun> finished)
    {
        while (true)
        {
            if (Live.Runs.Find(runId) is { Finished: true } run)
            {
                return run;
            }

            if (await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(1), Clock, disposal.Token)) == finished)
            {
                return await finished;
            }
        }
    }

    private async Task ResolveAsync(ConflictPolicy policy)
    {
        busy = true;
        progressDone = 0;
        progressTotal = KnownCount(Selection);
        progressText = "Resolving conflicts…";
        try
        {
            var progress = new Progress<int>(done =>
            {
                progressDone = done;
                progressText = progressTotal > 0 ? $"Resolved {done:N0} of up to {progressTotal:N0}…" : $"Resolved {done:N0}…";
                throttle?.Signal();
            });
            var result = await ConflictResolver.ResolveAsync(Selection, policy, progress, disposal.Token);
            var text = BulkActionSummary.OfResolve(result, policy);
            Snackbar.Add(BulkActionSummary.Content(text, result.LastRunId), result.Failed > 0 ? Severity.Warning : Severity.Success);
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or LeadWriteException)
        {
            Snackbar.Add($"Resolving conflicts stopped: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }

        await Changed.InvokeAsync();
    }

    private void ShowSummary(string verb, LiveRun run)
    {
        var (text, severity) = BulkActionSummary.OfRun(verb, run);
        Snackbar.Add(BulkActionSummary.Content(text, run.RunId), severity);
    }

    private string ProgressText(SyncRunKind kind, int processed) => kind switch
    {
        SyncRunKind.Push => progressTotal > 0 ? $"Pushed {processed:N0} of {progressTotal:N0}…" : $"Pushed {processed:N0}…",
        _ => progressTotal > 0 ? $"Pulled {processed:N0} of {progressTotal:N0}…" : $"Pulled {processed:N0}…",
    };

    private async Task DeleteAsync()
    {
        var selection = Selection;
        if (!await ConfirmDeleteAsync(selection))
        {
            return;
        }

        busy = true;
        progressDone = 0;
        progressTotal = KnownCount(selection);
        progressText = "Deleting…";
        try
        {
            var progress = new Progress<int>(done =>
            {
                progressDone = done;
                progressText = $"Deleted {done:N0} of {LeadCountText.Of(selection.Count, selection.CountIsLowerBound)}…";
                throttle?.Signal();
            });
            var result = await Bulk.DeleteAsync(selection, ChangeSource.Console, progress, disposal.Token);
            Snackbar.Add(BulkActionSummary.OfDelete(result), Severity.Success);
            await Cleared.InvokeAsync();
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is LeadConcurrencyException or InvalidOperationException or LeadWriteException)
        {
            Snackbar.Add($"Deleting stopped: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
        }

        await Changed.InvokeAsync();
    }

    private Task<bool> ConfirmDeleteAsync(LeadSelection selection)
    {
        var noun = selection.Count == 1 && !selection.CountIsLowerBound ? "lead" : "leads";
        var leads = LeadCountText.Leads(selection.Count, selection.CountIsLowerBound);
        var message = selection.IsFilter
            ? $"Delete {(selection.CountIsLowerBound ? $"every lead matching the current filter ({leads})" : $"all {leads} matching the current filter")}? Linked Zoho records are deleted too when delete propagation is on. This cannot be undone."
            : $"Delete {selection.Count:N0} selected {noun}? Linked Zoho records are deleted too when delete propagation is on. This cannot be undone.";
        return ConfirmDialog.ShowAsync(Dialogs, $"Delete {leads}", message, "Delete");
    }

    public void Dispose()
    {
        subscription?.Dispose();
        throttle?.Dispose();
        disposal.Cancel();
        disposal.Dispose();
    }
}
