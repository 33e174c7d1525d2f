using LeadSync.Core.Leads;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The leads console: a server-side grid (Core pages, sorts, filters and counts) whose view lives in the address
/// (LeadsPage.Url.cs), selection kept by lead id (<see cref="LeadGridSelection"/>, rows keyed by <see cref="LeadRow"/>),
/// create/edit, and live refreshes that keep the user's place (LeadsPage.Live.cs). Narrow windows get a compact list
/// from the same grid (LeadsPage.razor.css).
/// </summary>
public sealed partial class LeadsPage
{
    private readonly LeadGridSelection selection = new();
    private MudDataGrid<LeadRow>? grid;
    private Import.ImportJobsPanel? imports;
    private LeadListView view = LeadListView.Default;
    private IReadOnlyList<LeadRow> shownRows = [];
    private IReadOnlyList<Guid> pageIds = [];
    private HashSet<Guid> shownIds = []; // replaced, never changed: read by live events off the render thread
    private int total;
    private bool totalIsLowerBound; // more than total match: a search counted only so far
    private int fieldErrorCount; // leads with a per-field error, whatever the view (the quick filter's count)
    private bool loaded;
    private bool refreshInPlace;

    [Inject]
    private LeadQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private LiveSyncEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private LeadFilter CurrentFilter => view.Filter;

    /// <summary>Rows kept on screen although they no longer belong to this page of the view.</summary>
    private int KeptCount => shownRows.Count(r => r.Place != LeadRowPlace.InView);

    private async Task<GridData<LeadRow>> LoadAsync(GridState<LeadRow> state, CancellationToken cancellationToken)
    {
        if (gridGeneration == 0)
        {
            // The address is not read yet (OnParametersSetAsync may be waiting for the mapped fields): this grid shows
            // "loading" and is replaced by one made for the address's view, instead of loading and writing back the default.
            return new GridData<LeadRow> { Items = [], TotalItems = 0 };
        }

        var asked = ViewOf(state);
        var inPlace = refreshInPlace && asked == view;
        refreshInPlace = false;
        view = asked;

        var result = await Queries.GetPageAsync(view.ToRequest(), cancellationToken);
        if (result.Items.Count == 0 && view.Page > 0 && result.TotalCount > 0)
        {
            // A page past the end (an old bookmark, or rows gone meanwhile): a grid made anew on the last page.
            view = view with { Page = (result.TotalCount - 1) / view.PageSize };
            gridGeneration++;
            StateHasChanged();
            return new GridData<LeadRow> { Items = [], TotalItems = result.TotalCount };
        }

        fieldErrorCount = await Queries.CountWithFieldErrorsAsync(cancellationToken);
        var rows = await KeepRowsInPlaceAsync(inPlace, result.Items, cancellationToken);
        shownRows = rows;
        pageIds = [.. rows.Select(r => r.Id)];
        shownIds = [.. pageIds];
        total = result.TotalCount;
        totalIsLowerBound = result.TotalIsLowerBound;
        loaded = true;
        selection.Reloaded(CurrentFilter, total, totalIsLowerBound);
        WriteUrl();
        StateHasChanged();
        // Past a bounded count the pager offers one more page (the count always reaches past the page shown).
        return new GridData<LeadRow> { Items = rows, TotalItems = totalIsLowerBound ? total + 1 : total };
    }

    private LeadListView ViewOf(GridState<LeadRow> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return view with
        {
            SortBy = LeadGridSort.FieldFor(sort?.SortBy),
            SortByField = LeadGridSort.ExtraFor(sort?.SortBy, mapped),
            Descending = sort?.Descending ?? true,
            Page = state.Page,
            PageSize = state.PageSize,
        };
    }

    private async Task<IReadOnlyList<LeadRow>> KeepRowsInPlaceAsync(
        bool inPlace, IReadOnlyList<LeadListItem> fresh, CancellationToken cancellationToken)
    {
        var missing = inPlace ? LeadRowsInPlace.Missing(shownRows, fresh) : [];
        if (missing.Count == 0)
        {
            return [.. fresh.Select(i => new LeadRow(i))];
        }

        var kept = await Queries.GetItemsAsync(missing, CurrentFilter, cancellationToken);
        return LeadRowsInPlace.Merge(shownRows, fresh, kept);
    }

    /// <summary>The empty state of a filtered view says what was asked (there may be no search at all).</summary>
    private string NoMatchText => (CurrentFilter.Search, CurrentFilter.SyncStates is { Count: > 0 } || CurrentFilter.Statuses is { Count: > 0 } || CurrentFilter.Fields is { Count: > 0 } || CurrentFilter.HasFieldErrors is not null) switch
    {
        ({ } search, true) => $"No leads match “{search}” in these filters",
        ({ } search, false) => $"No leads match “{search}”",
        _ => "No leads match these filters",
    };

    private int SelectedNotShown => selection.IsFilter ? 0 : selection.Current.Count - selection.CountOf(pageIds);

    private void OnPageCheckChanged(bool? value)
    {
        // The header box selects this page (only this page) unless all of it is selected already, then it clears it;
        // the tri-state value it reports is ignored so that a partly selected page always becomes fully selected.
        _ = value;
        selection.Set(pageIds, selection.StateOf(pageIds) != true);
    }

    private void SelectAllMatching() => selection.SelectAllMatching(CurrentFilter, total, totalIsLowerBound);

    /// <summary>The pager's "1-50 of 24,758", or "… of more than 1,000" when the count stopped there.</summary>
    private string PagerInfo => totalIsLowerBound ? $"{{first_item}}-{{last_item}} of more than {total:N0}" : "{first_item}-{last_item} of {all_items}";

    private string TotalText => $"{LeadCountText.Leads(total, totalIsLowerBound)}{(LeadFilterBar.IsFiltered(CurrentFilter) ? " match" : string.Empty)}";

    private void ClearSelection() => selection.Clear();

    private async Task OnFilterChangedAsync(LeadFilter value)
    {
        view = view.WithFilter(value);
        selection.FilterChanged();
        if (grid is not null)
        {
            grid.NavigateTo(Page.First);
            await grid.ReloadServerData();
        }
    }

    private Task ClearFiltersAsync() => OnFilterChangedAsync(LeadFilter.All);

    /// <summary>Reloads this page of the view, keeping rows that changed under the user where they were.</summary>
    private Task RefreshInPlaceAsync()
    {
        refreshInPlace = true;
        return grid?.ReloadServerData() ?? Task.CompletedTask;
    }

    /// <summary>Drops the kept rows: the page as the view has it now.</summary>
    private Task ShowCurrentViewAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private string RowClass(LeadRow row, int index) =>
        (selection.Contains(row.Id) ? "lead-row lead-row-selected cursor-pointer" : "lead-row cursor-pointer")
        + (row.Place == LeadRowPlace.InView ? string.Empty : " lead-row-kept");

    private Task OnRowClickAsync(DataGridRowClickEventArgs<LeadRow> args) => OpenEditAsync(args.Item.Id);

    private Task CreateAsync() => OpenDialogAsync(null);

    private async Task ImportAsync()
    {
        if (await Import.LeadImportDialog.ShowAsync(Dialogs) is not null && imports is not null)
        {
            await imports.RefreshNowAsync();
        }
    }

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

        await RefreshInPlaceAsync();
    }
}
