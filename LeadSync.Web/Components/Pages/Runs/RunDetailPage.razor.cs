using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>One run: its counts, Zoho calls and credits, error, and its per-lead events and unapplied Zoho records (paged).</summary>
public sealed partial class RunDetailPage
{
    private static readonly int[] PageSizes = [25, 50, 100];

    private readonly List<BreadcrumbItem> breadcrumbs = [new("Sync runs", "/runs"), new("Run", null, disabled: true)];
    private SyncRunListItem? run;
    private MudDataGrid<SyncRunEventItem>? eventsGrid;
    private MudDataGrid<SyncRunPullErrorItem>? pullErrorsGrid;
    private bool loaded;
    private bool errorsOnly;
    private int eventTotal;
    private int pullErrorTotal;
    private int? processed;

    [Parameter]
    public Guid RunId { get; set; }

    [Inject]
    private SyncRunQueries Queries { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        run = await Queries.GetAsync(RunId);
        loaded = true;
    }

    private bool IsThisRun(SyncEvent e) => e switch
    {
        RunProgress p => p.RunId == RunId,
        RunFinished f => f.RunId == RunId,
        _ => false,
    };

    private IEnumerable<(string Label, int Value, string TestId)> CountTiles()
    {
        if (run is null)
        {
            yield break;
        }

        yield return ("Created", run.Created, "count-created");
        yield return ("Updated", run.Updated, "count-updated");
        yield return ("Deleted", run.Deleted, "count-deleted");
        yield return ("Unchanged", run.Unchanged, "count-unchanged");
        yield return ("Conflicts", run.Conflicts, "count-conflicts");
        yield return ("Failed", run.Failed, "count-failed");
        yield return ("API calls", run.ApiCalls, "count-api-calls");
        yield return ("Credits", run.Credits, "count-credits");
    }

    private async Task<GridData<SyncRunEventItem>> LoadEventsAsync(GridState<SyncRunEventItem> state, CancellationToken cancellationToken)
    {
        var page = await Queries.GetEventsAsync(RunId, errorsOnly, state.Page, state.PageSize, cancellationToken);
        eventTotal = page.TotalCount;
        StateHasChanged();
        return new GridData<SyncRunEventItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task<GridData<SyncRunPullErrorItem>> LoadPullErrorsAsync(GridState<SyncRunPullErrorItem> state, CancellationToken cancellationToken)
    {
        var page = await Queries.GetPullErrorsAsync(RunId, state.Page, state.PageSize, cancellationToken);
        pullErrorTotal = page.TotalCount;
        StateHasChanged();
        return new GridData<SyncRunPullErrorItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnErrorsOnlyChangedAsync(bool value)
    {
        errorsOnly = value;
        if (eventsGrid is not null)
        {
            eventsGrid.NavigateTo(Page.First);
            await eventsGrid.ReloadServerData();
        }
    }

    private async Task OnSyncEventsAsync(IReadOnlyList<SyncEvent> events)
    {
        if (events.OfType<RunProgress>().LastOrDefault() is { } p)
        {
            processed = p.Processed;
            if (run is not null)
            {
                var c = p.Counts;
                run = run with
                {
                    Created = c.Created, Updated = c.Updated, Deleted = c.Deleted, Unchanged = c.Unchanged,
                    Conflicts = c.Conflicts, Failed = c.Failed, ApiCalls = c.ApiCalls, Credits = c.Credits,
                };
            }
        }

        if (events.Any(e => e is RunFinished))
        {
            run = await Queries.GetAsync(RunId);
            if (eventsGrid is not null)
            {
                await eventsGrid.ReloadServerData();
            }

            if (pullErrorsGrid is not null)
            {
                await pullErrorsGrid.ReloadServerData();
            }
        }

        StateHasChanged();
    }
}
