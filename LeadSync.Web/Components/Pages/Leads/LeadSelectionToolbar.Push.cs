using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Runs;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// A person's push of the selection: started through Core, then followed by <see cref="BulkPushFollower"/> lead by lead
/// (synced, queued, failed, in conflict) whichever runs send them, and summed up in a snackbar linking to those runs.
/// </summary>
public sealed partial class LeadSelectionToolbar
{
    private async Task PushAsync()
    {
        busy = true;
        progressDone = 0;
        progressTotal = KnownCount(Selection);
        progressText = "Push: starting…";
        try
        {
            var runId = await SyncActions.PushAsync(Selection, disposal.Token);
            activeRun = runId;
            progressText = "Push: waiting for Zoho…";
            StateHasChanged();
            await Changed.InvokeAsync(); // the leads are Pending now
            var follower = new BulkPushFollower(PushProgress, Clock);
            var done = await follower.FollowAsync(runId, ShowPushProgress, disposal.Token);
            var (text, severity) = done is null ? ("Push finished: none of the selected leads exists any more.", Severity.Info) : BulkActionSummary.OfPush(done);
            Snackbar.Add(BulkActionSummary.Content(text, done?.Runs ?? [runId]), severity);
        }
        catch (OperationCanceledException) when (disposal.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or LeadWriteException)
        {
            Snackbar.Add($"Push did not start: {ex.Message}", Severity.Error);
        }
        finally
        {
            busy = false;
            activeRun = null;
        }

        await Changed.InvokeAsync();
    }

    private void ShowPushProgress(BulkPushProgress progress)
    {
        progressTotal = progress.Selected;
        progressDone = progress.Settled;
        progressText = BulkActionSummary.PushProgress(progress);
        throttle?.Signal();
    }
}
