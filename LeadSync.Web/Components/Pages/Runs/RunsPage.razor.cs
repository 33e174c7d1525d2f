using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>Every sync run, filtered and paged by Core; running ones show live progress; a row opens its detail.</summary>
public sealed partial class RunsPage
{
    private static readonly int[] PageSizes = [25, 50, 100];

    private readonly Dictionary<Guid, RunProgress> progress = [];
    private MudDataGrid<SyncRunListItem>? grid;
    private SyncRunKind? kind;
    private SyncTrigger? trigger;
    private SyncRunOutcome? outcome;
    private RunTimeRange range = RunTimeRange.Any;
    private DateTimeOffset? customFrom;
    private DateTimeOffset? customTo;
    private int total;
    private bool loaded;

    [Inject]
    private SyncRunQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private bool HasFilter => kind is not null || trigger is not null || outcome is not null || range != RunTimeRange.Any;

    internal static string KindLabel(SyncRunKind kind) => kind switch
    {
        SyncRunKind.FullResync => "Full resync",
        SyncRunKind.PullLeads => "Pull (webhook)",
        SyncRunKind.ResolveConflict => "Resolve conflict",
        _ => kind.ToString(),
    };

    internal static string DurationText(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.0} s",
        { } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
    };

    private static string RangeLabel(RunTimeRange value) => value switch
    {
        RunTimeRange.LastHour => "Last hour",
        RunTimeRange.Last24Hours => "Last 24 hours",
        RunTimeRange.Last7Days => "Last 7 days",
        RunTimeRange.Last30Days => "Last 30 days",
        RunTimeRange.Custom => "Custom range",
        _ => "Any time",
    };

    private static bool IsRunEvent(SyncEvent e) => e is RunStarted or RunProgress or RunFinished;

    private SyncRunFilter CurrentFilter()
    {
        var now = Clock.GetUtcNow();
        DateTimeOffset? from = range switch
        {
            RunTimeRange.LastHour => now.AddHours(-1),
            RunTimeRange.Last24Hours => now.AddHours(-24),
            RunTimeRange.Last7Days => now.AddDays(-7),
            RunTimeRange.Last30Days => now.AddDays(-30),
            RunTimeRange.Custom => customFrom,
            _ => null,
        };
        return new SyncRunFilter(kind, trigger, outcome, from, range == RunTimeRange.Custom ? customTo : null);
    }

    private async Task<GridData<SyncRunListItem>> LoadAsync(GridState<SyncRunListItem> state, CancellationToken cancellationToken)
    {
        var result = await Queries.GetPageAsync(CurrentFilter(), state.Page, state.PageSize, cancellationToken);
        total = result.TotalCount;
        loaded = true;
        StateHasChanged();
        return new GridData<SyncRunListItem> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private SyncRunCounts Counts(SyncRunListItem run) =>
        run.FinishedAt is null && progress.TryGetValue(run.Id, out var p)
            ? p.Counts
            : new SyncRunCounts(run.Created, run.Updated, run.Deleted, run.Unchanged, run.Conflicts, run.Failed, run.ApiCalls, run.Credits);

    private string ProgressText(SyncRunListItem run) =>
        progress.TryGetValue(run.Id, out var p) ? $"{p.Processed:N0} records processed" : "Starting…";

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        var reload = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case RunProgress p:
                    progress[p.RunId] = p;
                    break;
                case RunStarted or RunFinished:
                    reload = true;
                    if (e is RunFinished f)
                    {
                        progress.Remove(f.RunId);
                    }

                    break;
            }
        }

        if (reload && grid is not null)
        {
            await grid.ReloadServerData();
        }

        StateHasChanged();
    }

    private Task OnKindChangedAsync(SyncRunKind? value)
    {
        kind = value;
        return ReloadFirstPageAsync();
    }

    private Task OnTriggerChangedAsync(SyncTrigger? value)
    {
        trigger = value;
        return ReloadFirstPageAsync();
    }

    private Task OnOutcomeChangedAsync(SyncRunOutcome? value)
    {
        outcome = value;
        return ReloadFirstPageAsync();
    }

    private Task OnRangeChangedAsync(RunTimeRange value)
    {
        range = value;
        return ReloadFirstPageAsync();
    }

    private Task ClearFiltersAsync()
    {
        (kind, trigger, outcome, range, customFrom, customTo) = (null, null, null, RunTimeRange.Any, null, null);
        return ReloadFirstPageAsync();
    }

    private async Task ReloadFirstPageAsync()
    {
        WriteUrl();
        if (grid is not null)
        {
            grid.NavigateTo(Page.First);
            await grid.ReloadServerData();
        }
    }

    private void OnRowClick(DataGridRowClickEventArgs<SyncRunListItem> args) => Navigation.NavigateTo($"/runs/{args.Item.Id}");
}
