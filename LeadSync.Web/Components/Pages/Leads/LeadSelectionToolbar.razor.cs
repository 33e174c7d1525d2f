using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Web.Components.Shared;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Shown while leads are selected: the count, "select all matching", Delete, and the sync actions (push, pull, retry,
/// resolve conflicts) which hand the selection — ids or the filter — to Core. A started run's progress comes from the
/// live run events; its end shows a summary snackbar linking to the run.
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
        if (activeRun is not { } runId)
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

    private Task PushAsync() => RunAsync("Push", ct => SyncActions.PushAsync(Selection, ct));

    private Task PullAsync() => RunAsync("Pull", ct => SyncActions.PullAsync(Selection, ct));

    private Task RetryAsync() => RunAsync("Retry", ct => SyncActions.RetryFailedAsync(Selection, ct));

    private async Task RunAsync(string verb, Func<CancellationToken, Task<Guid>> start)
    {
        busy = true;
        progressDone = 0;
        progressTotal = Selection.Count;
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
        progressTotal = Selection.Count;
        progressText = "Resolving conflicts…";
        try
        {
            var progress = new Progress<int>(done =>
            {
                progressDone = done;
                progressText = $"Resolved {done:N0} of up to {progressTotal:N0}…";
                throttle?.Signal();
            });
            var result = await ConflictResolver.ResolveAsync(Selection, policy, progress, disposal.Token);
            var text = result.Resolved == 0 && result.Failed == 0
                ? "None of the selected leads has an open conflict."
                : $"Resolved the conflicts of {result.Resolved:N0} {(result.Resolved == 1 ? "lead" : "leads")} ({PolicyLabel(policy)})."
                  + (result.Failed > 0 ? $" {result.Failed:N0} failed: {result.FirstError}" : string.Empty);
            Snackbar.Add(Summary(text, result.LastRunId), result.Failed > 0 ? Severity.Warning : Severity.Success);
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
        var counts = run.Counts;
        string text;
        Severity severity;
        if (run.Error is not null)
        {
            text = $"{verb} stopped: {run.Error}";
            severity = Severity.Error;
        }
        else if (counts is null)
        {
            text = $"{verb} finished.";
            severity = Severity.Success;
        }
        else
        {
            var parts = new List<string>();
            AddPart(parts, counts.Created, "created");
            AddPart(parts, counts.Updated, "updated");
            AddPart(parts, counts.Deleted, "deleted");
            AddPart(parts, counts.Unchanged, "unchanged");
            AddPart(parts, counts.Conflicts, "in conflict");
            AddPart(parts, counts.Failed, "failed");
            text = $"{verb} finished: {(parts.Count == 0 ? "nothing to do" : string.Join(", ", parts))}.";
            severity = counts.Failed > 0 || counts.Conflicts > 0 ? Severity.Warning : Severity.Success;
        }

        Snackbar.Add(Summary(text, run.RunId), severity);
    }

    private static void AddPart(List<string> parts, int count, string label)
    {
        if (count > 0)
        {
            parts.Add($"{count:N0} {label}");
        }
    }

    private static RenderFragment Summary(string text, Guid? runId) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", "bulk-summary");
        builder.AddContent(2, text);
        if (runId is { } id)
        {
            builder.AddContent(3, " ");
            builder.OpenElement(4, "a");
            builder.AddAttribute(5, "href", $"/runs/{id}");
            builder.AddAttribute(6, "class", "bulk-summary-link");
            builder.AddAttribute(7, "data-testid", "bulk-summary-run");
            builder.AddContent(8, "View run");
            builder.CloseElement();
        }

        builder.CloseElement();
    };

    private string ProgressText(SyncRunKind kind, int processed) => kind switch
    {
        SyncRunKind.Push => $"Pushed {processed:N0} of {progressTotal:N0}…",
        _ => $"Pulled {processed:N0} of {progressTotal:N0}…",
    };

    private static string PolicyLabel(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.ZohoWins => "kept Zoho's values",
        ConflictPolicy.LocalWins => "kept LeadSync's values",
        _ => "kept the newest change",
    };

    private async Task DeleteAsync()
    {
        var selection = Selection;
        var noun = selection.Count == 1 ? "lead" : "leads";
        var message = selection.IsFilter
            ? $"Delete all {selection.Count:N0} {noun} matching the current filter? Linked Zoho records are deleted too when delete propagation is on. This cannot be undone."
            : $"Delete {selection.Count:N0} selected {noun}? Linked Zoho records are deleted too when delete propagation is on. This cannot be undone.";
        if (!await ConfirmDialog.ShowAsync(Dialogs, $"Delete {selection.Count:N0} {noun}", message, "Delete"))
        {
            return;
        }

        busy = true;
        progressDone = 0;
        progressTotal = selection.Count;
        progressText = "Deleting…";
        try
        {
            var progress = new Progress<int>(done =>
            {
                progressDone = done;
                progressText = $"Deleted {done:N0} of {selection.Count:N0}…";
                throttle?.Signal();
            });
            var result = await Bulk.DeleteAsync(selection, ChangeSource.Console, progress, disposal.Token);
            var text = $"Deleted {result.Succeeded:N0} {(result.Succeeded == 1 ? "lead" : "leads")}.";
            if (result.NotFound > 0)
            {
                text += $" {result.NotFound:N0} had already been deleted.";
            }

            Snackbar.Add(text, Severity.Success);
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

    public void Dispose()
    {
        subscription?.Dispose();
        throttle?.Dispose();
        disposal.Cancel();
        disposal.Dispose();
    }
}
