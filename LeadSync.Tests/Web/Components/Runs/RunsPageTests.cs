using Bunit;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Runs;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Runs;

public sealed class RunsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Runs_are_listed_newest_first_with_their_counts()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(3));
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Manual, r => { r.AddUpdated(2); r.AddFailed(1); });

        var page = ctx.RenderWithProviders<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count));
        Assert.Equal(["Push", "Pull"], page.FindAll("[data-testid=run-kind]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["PartlyFailed", "Succeeded"], page.FindAll("[data-testid=run-outcome]").Select(e => e.GetAttribute("data-outcome")));
        Assert.Equal(["0 / 2 / 0", "3 / 0 / 0"], page.FindAll("[data-testid=run-changes]").Select(e => e.TextContent.Trim()));
        Assert.Equal("2 runs", page.Find("[data-testid=run-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Filtering_by_kind_and_outcome_queries_only_matching_runs()
    {
        await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled);
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Change);
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Manual, error: "Zoho refused LeadSync's credentials (invalid_code).");
        var page = ctx.RenderWithProviders<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=run-row]").Count));

        var kind = page.FindComponent<MudSelect<SyncRunKind?>>();
        await kind.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(SyncRunKind.Push));
        page.WaitForAssertion(() => Assert.Equal(["Push", "Push"], page.FindAll("[data-testid=run-kind]").Select(e => e.TextContent.Trim())));

        var outcome = page.FindComponent<MudSelect<LeadSync.Core.Monitoring.SyncRunOutcome?>>();
        await outcome.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(LeadSync.Core.Monitoring.SyncRunOutcome.Failed));
        page.WaitForAssertion(() => Assert.Equal(["Manual"], page.FindAll("[data-testid=run-trigger]").Select(e => e.TextContent.Trim())));
        Assert.Equal("1 run", page.Find("[data-testid=run-total]").TextContent.Trim());

        page.ClickLive("[data-testid=clear-filters]");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=run-row]").Count));
    }

    [Fact]
    public async Task A_running_run_shows_live_progress_and_its_outcome_when_it_finishes()
    {
        var run = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Manual, finish: false);
        var page = ctx.RenderWithProviders<RunsPage>();
        page.WaitForAssertion(() => Assert.Contains("Starting", page.Find("[data-testid=run-progress]").TextContent, StringComparison.Ordinal));

        run.AddCreated(40);
        run.AddProcessed(40);
        ctx.Get<SyncRunRecorder>().Progress(run);
        page.WaitForAssertion(() => Assert.Contains("40 records processed", page.Find("[data-testid=run-progress]").TextContent, StringComparison.Ordinal));
        Assert.Equal("40 / 0 / 0", page.Find("[data-testid=run-changes]").TextContent.Trim());

        await ctx.Get<SyncRunRecorder>().FinishAsync(run, null);
        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=run-outcome]").GetAttribute("data-outcome")));
        Assert.Empty(page.FindAll("[data-testid=run-progress]"));
    }

    [Fact]
    public async Task Run_detail_shows_counts_credits_error_and_the_leads_it_touched()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada");
        var grace = await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace");
        var run = await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Manual, r =>
        {
            r.AddUpdated();
            r.AddFailed();
            r.AddCall(2);
            r.AddCall(2);
        }, error: "Stopped: Zoho answered 401 INVALID_TOKEN twice.");
        await ctx.AddLeadEventAsync(run.RunId, ada.Id, LeadHistoryOutcome.Updated, "Phone: 1 → 2");
        await ctx.AddLeadEventAsync(run.RunId, grace.Id, LeadHistoryOutcome.Failed, null, "DUPLICATE_DATA", "duplicate data");

        var page = ctx.Render<RunDetailPage>(p => p.Add(x => x.RunId, run.RunId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=event-row]").Count));
        Assert.Equal("1", Count(page, "count-updated"));
        Assert.Equal("1", Count(page, "count-failed"));
        Assert.Equal("2", Count(page, "count-api-calls"));
        Assert.Equal("4", Count(page, "count-credits"));
        Assert.Contains("INVALID_TOKEN twice", page.Find("[data-testid=run-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], page.FindAll("[data-testid=event-row]").Select(e => e.TextContent.Trim()));

        page.Find("input[data-testid=errors-only], [data-testid=errors-only] input").Change(true);
        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], page.FindAll("[data-testid=event-row]").Select(e => e.TextContent.Trim())));
        Assert.Equal("DUPLICATE_DATA", page.Find("[data-testid=event-error-code]").TextContent.Trim());
    }

    [Fact] // issue 15.2: every event says what it changed, a line per field, a conflict with both sides
    public async Task Run_detail_shows_each_events_changes_a_line_per_field_with_a_conflicts_three_values()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Engines", phone: "555-0000");
        var grace = await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace", "Navy");
        var run = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Manual, r => r.AddUpdated());
        var conflict = new FieldConflict("Phone", "555-0000", "555-1111", "555-2222", ConflictResolution.Zoho);
        await ctx.AddHistoryAsync(ada.Id, run.RunId, SyncDirection.Pull, LeadHistoryOutcome.Conflict,
            LeadMapper.DescribeMerge(ada.Fields with { Phone = "555-1111" }, ada.Fields with { Phone = "555-2222", Company = "Zoho Co" }, [conflict], ConflictPolicy.ZohoWins));
        await ctx.AddHistoryAsync(grace.Id, run.RunId, SyncDirection.Pull, LeadHistoryOutcome.Updated,
            LeadMapper.Describe(grace.Fields, grace.Fields with { Company = "Navy Yard", Status = "Contacted" }));

        var page = ctx.Render<RunDetailPage>(p => p.Add(x => x.RunId, run.RunId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=event-row]").Count));
        var lists = page.FindAll("[data-testid=run-events] [data-testid=change-list]");
        Assert.Equal(2, lists.Count);
        Assert.Equal(
            ["Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · Zoho's value won (Zoho wins policy)", "Company: Engines → Zoho Co"],
            lists[0].QuerySelectorAll("[data-testid=change-line]").Select(l => l.TextContent.Trim()));
        Assert.Equal(
            ["Status: ∅ → Contacted", "Company: Navy → Navy Yard"],
            lists[1].QuerySelectorAll("[data-testid=change-line]").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task A_run_interrupted_by_shutdown_shows_as_interrupted_not_failed_on_the_list_the_filter_and_its_page()
    {
        var interrupted = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(5), finish: false);
        await ctx.Get<SyncRunRecorder>().InterruptedAsync(interrupted);
        await ctx.RecordRunAsync(SyncRunKind.Push, SyncTrigger.Manual, error: "Zoho refused LeadSync's credentials (invalid_code).");
        var page = ctx.RenderWithProviders<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-row]").Count));
        Assert.Equal(["Failed", "Interrupted"], page.FindAll("[data-testid=run-outcome]").Select(e => e.GetAttribute("data-outcome")));

        var outcome = page.FindComponent<MudSelect<LeadSync.Core.Monitoring.SyncRunOutcome?>>();
        await outcome.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(LeadSync.Core.Monitoring.SyncRunOutcome.Interrupted));
        page.WaitForAssertion(() => Assert.Equal(["Scheduled"], page.FindAll("[data-testid=run-trigger]").Select(e => e.TextContent.Trim())));

        var detail = ctx.Render<RunDetailPage>(p => p.Add(x => x.RunId, interrupted.RunId));
        detail.WaitForAssertion(() => Assert.Equal("Interrupted", detail.Find("[data-testid=run-outcome]").GetAttribute("data-outcome")));
        Assert.Contains("application stopped", detail.Find("[data-testid=run-interrupted]").TextContent, StringComparison.Ordinal);
        Assert.Empty(detail.FindAll("[data-testid=run-error]"));
        Assert.Equal("5", Count(detail, "count-created"));
    }

    [Fact] // docs/zoho §6.1: a pull that could not resume a Bulk Read says why on its page, beside a clean outcome
    public async Task A_runs_note_shows_on_its_page_and_a_run_without_one_shows_none()
    {
        var noted = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Scheduled, r => r.AddCreated(3), finish: false);
        await ctx.Get<SyncRunRecorder>().NoteAsync(noted, "The result of Zoho's Bulk Read job 42 can no longer be downloaded: a new job reads the records again.", CancellationToken.None);
        await ctx.Get<SyncRunRecorder>().FinishAsync(noted, null);
        var plain = await ctx.RecordRunAsync(SyncRunKind.Pull, SyncTrigger.Manual);

        var detail = ctx.Render<RunDetailPage>(p => p.Add(x => x.RunId, noted.RunId));
        var other = ctx.Render<RunDetailPage>(p => p.Add(x => x.RunId, plain.RunId));

        detail.WaitForAssertion(() => Assert.Contains("a new job reads the records again", detail.Find("[data-testid=run-note]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Succeeded", detail.Find("[data-testid=run-outcome]").GetAttribute("data-outcome"));
        other.WaitForAssertion(() => Assert.NotNull(other.Find("[data-testid=run-outcome]")));
        Assert.Empty(other.FindAll("[data-testid=run-note]"));
    }

    private static string Count(IRenderedComponent<RunDetailPage> page, string testId) =>
        page.Find($"[data-testid={testId}] [data-testid=count-value]").TextContent.Trim();
}
