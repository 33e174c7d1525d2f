using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Events;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The leads console: a server-side grid (Core pages, sorts, filters and counts), selection kept by lead id
/// (<see cref="LeadGridSelection"/>, rows keyed by <see cref="LeadRow"/>), create/edit. Live: sync events for leads on
/// the visible page (or a bulk change) reload the current page, coalesced to at most one reload per
/// <see cref="RenderThrottle.DefaultInterval"/>.
/// </summary>
public sealed partial class LeadsPage : IDisposable
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];

    private readonly LeadGridSelection selection = new();
    private MudDataGrid<LeadRow>? grid;
    private LeadFilter filter = LeadFilter.All;
    private IReadOnlyList<Guid> pageIds = [];
    private int total;
    private bool loaded;

    [Inject]
    private LeadQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private readonly LeadChangeBuffer liveChanges = new();
    private RenderThrottle? liveThrottle;
    private IDisposable? liveSubscription;

    /// <summary>How many times live events reloaded the grid (coalesced).</summary>
    internal int LiveReloads { get; private set; }

    protected override void OnInitialized()
    {
        liveThrottle = new RenderThrottle(Clock, RenderThrottle.DefaultInterval, () => InvokeAsync(FlushLiveChangesAsync));
        liveSubscription = Live.Subscribe(OnSyncEvent);
    }

    private void OnSyncEvent(SyncEvent syncEvent)
    {
        if (liveChanges.Add(syncEvent))
        {
            liveThrottle?.Signal();
        }
    }

    private async Task FlushLiveChangesAsync()
    {
        var (leadIds, reloadAll) = liveChanges.Take();
        if (grid is null || !loaded || (!reloadAll && !pageIds.Any(leadIds.Contains)))
        {
            return;
        }

        LiveReloads++;
        await grid.ReloadServerData();
    }

    public void Dispose()
    {
        liveSubscription?.Dispose();
        liveThrottle?.Dispose();
    }

    private async Task<GridData<LeadRow>> LoadAsync(GridState<LeadRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var request = new LeadPageRequest
        {
            Filter = filter,
            SortBy = LeadGridSort.FieldFor(sort?.SortBy),
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        };
        var result = await Queries.GetPageAsync(request, cancellationToken);
        pageIds = [.. result.Items.Select(i => i.Id)];
        total = result.TotalCount;
        loaded = true;
        selection.Reloaded(filter, total);
        StateHasChanged();
        return new GridData<LeadRow> { Items = [.. result.Items.Select(i => new LeadRow(i))], TotalItems = result.TotalCount };
    }

    private int SelectedNotShown => selection.IsFilter ? 0 : selection.Current.Count - selection.CountOf(pageIds);

    private void OnPageCheckChanged(bool? value)
    {
        // The header box selects this page (only this page) unless all of it is selected already, then it clears it;
        // the tri-state value it reports is ignored so that a partly selected page always becomes fully selected.
        _ = value;
        selection.Set(pageIds, selection.StateOf(pageIds) != true);
    }

    private void SelectAllMatching() => selection.SelectAllMatching(filter, total);

    private void ClearSelection() => selection.Clear();

    private async Task OnFilterChangedAsync(LeadFilter value)
    {
        filter = value;
        selection.FilterChanged();
        if (grid is not null)
        {
            grid.NavigateTo(Page.First);
            await grid.ReloadServerData();
        }
    }

    private Task ClearFiltersAsync() => OnFilterChangedAsync(LeadFilter.All);

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private string RowClass(LeadRow row, int index) =>
        selection.Contains(row.Id) ? "lead-row lead-row-selected cursor-pointer" : "lead-row cursor-pointer";

    private Task OnRowClickAsync(DataGridRowClickEventArgs<LeadRow> args) => OpenEditAsync(args.Item.Id);

    private Task CreateAsync() => OpenDialogAsync(null);

    private Task OpenEditAsync(Guid id) => OpenDialogAsync(id);

    private async Task OpenDialogAsync(Guid? id)
    {
        var outcome = await LeadDialog.ShowAsync(Dialogs, id);
        if (outcome is null)
        {
            return;
        }

        if (outcome == LeadDialogOutcome.Deleted && id is { } deleted)
        {
            selection.Forget(deleted);
        }

        await ReloadAsync();
    }
}
