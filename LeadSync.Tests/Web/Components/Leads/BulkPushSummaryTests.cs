using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Web.Components.Live;
using LeadSync.Web.Components.Pages.Leads;
using LeadSync.Web.Realtime;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>
/// Issue 15.8 and 15.10 in words: a push's summary names every selected lead once, says what still waits and where it
/// goes; background runs are summed up in one line.
/// </summary>
public sealed class BulkPushSummaryTests
{
    private static readonly Guid Run = Guid.CreateVersion7();

    [Fact]
    public void A_push_that_left_leads_queued_says_they_go_out_with_the_next_drain()
    {
        var (text, severity) = BulkActionSummary.OfPush(Progress(selected: 11_100, synced: 9_050, queued: 2_000, failed: 40, conflict: 10));

        Assert.Equal("Push of 11,100 leads: 9,050 synced, 40 failed, 10 in conflict, 2,000 still queued (they go out with the next drain).", text);
        Assert.Equal(Severity.Warning, severity);
    }

    [Fact]
    public void A_push_where_every_lead_went_through_is_a_success()
    {
        var (text, severity) = BulkActionSummary.OfPush(Progress(selected: 1, synced: 1));

        Assert.Equal("Push of 1 lead: 1 synced.", text);
        Assert.Equal(Severity.Success, severity);
    }

    [Fact]
    public void Leads_deleted_meanwhile_are_named_too()
    {
        var (text, _) = BulkActionSummary.OfPush(Progress(selected: 5, synced: 3, deleted: 2));

        Assert.Equal("Push of 5 leads: 3 synced, 2 deleted meanwhile.", text);
        Assert.Equal("Pushing 5 leads: 3 synced, 2 deleted meanwhile, 0 queued…", BulkActionSummary.PushProgress(Progress(selected: 5, synced: 3, deleted: 2)));
    }

    [Fact]
    public void A_push_whose_run_stopped_says_why_and_still_counts_every_lead()
    {
        var stopped = Progress(selected: 4, synced: 1, queued: 3) with { RunError = "Zoho refuses LeadSync's credentials." };

        var (text, severity) = BulkActionSummary.OfPush(stopped);

        Assert.Equal("Push stopped: Zoho refuses LeadSync's credentials. Push of 4 leads: 1 synced, 3 still queued (they go out with the next drain).", text);
        Assert.Equal(Severity.Error, severity);
    }

    [Fact]
    public void A_bulk_write_run_says_rows_uploaded_zohos_state_rows_applied_and_failures()
    {
        var progress = new LeadSync.Core.Sync.Events.BulkWriteProgress(Rows: 100_000, Uploaded: 50_000, Applied: 25_000, Failed: 3, Jobs: 2, ZohoState: "IN PROGRESS");

        Assert.Equal("50,000 of 100,000 uploaded · Zoho IN PROGRESS · 25,000 applied (3 failed) · 2 jobs", RunningRunsPanel.BulkSummary(progress));
        Assert.Equal("Bulk Write to Zoho", RunningRunsPanel.LabelFor(Live(SyncRunKind.Push) with { Bulk = progress }));
    }

    [Fact]
    public void Background_runs_share_one_line_by_kind()
    {
        var runs = new[] { Live(SyncRunKind.PullLeads), Live(SyncRunKind.PullLeads), Live(SyncRunKind.Push) };

        Assert.Equal("3 background runs: Pulling selected leads ×2, Pushing to Zoho", RunningRunsPanel.BackgroundSummary(runs));
    }

    private static BulkPushProgress Progress(int selected, int synced, int queued = 0, int failed = 0, int conflict = 0, int deleted = 0) =>
        new(Run, DateTimeOffset.UtcNow, RunFinished: true, selected, synced, queued, failed, conflict, deleted, [Run]);

    private static LiveRun Live(SyncRunKind kind) =>
        new(Guid.CreateVersion7(), kind, "instance", DateTimeOffset.UtcNow, 0, null, false, null, SyncTrigger.Webhook);
}
