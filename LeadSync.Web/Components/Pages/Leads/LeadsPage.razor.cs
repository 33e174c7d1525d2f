using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>The leads console: a server-side grid (Core pages, sorts, filters and counts), selection, create/edit.</summary>
public sealed partial class LeadsPage
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];

    private readonly HashSet<Guid> selectedIds = [];
    private MudDataGrid<LeadListItem>? grid;
    private LeadFilter filter = LeadFilter.All;
    private LeadSelection selection = LeadSelection.None;
    private IReadOnlyList<LeadListItem> pageItems = [];
    private int total;
    private bool loaded;

    [Inject]
    private LeadQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool? PageCheckState
    {
        get
        {
            if (selection.IsFilter)
            {
                return true;
            }

            var onPage = pageItems.Count(i => selectedIds.Contains(i.Id));
            return onPage == 0 ? false : onPage == pageItems.Count ? true : null;
        }
    }

    private async Task<GridData<LeadListItem>> LoadAsync(GridState<LeadListItem> state, CancellationToken cancellationToken)
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
        pageItems = result.Items;
        total = result.TotalCount;
        loaded = true;
        if (selection.IsFilter)
        {
            selection = LeadSelection.Matching(filter, total);
        }

        StateHasChanged();
        return new GridData<LeadListItem> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private bool IsSelected(LeadListItem item) => selection.IsFilter || selectedIds.Contains(item.Id);

    private void Toggle(LeadListItem item, bool selected)
    {
        if (selected)
        {
            selectedIds.Add(item.Id);
        }
        else
        {
            selectedIds.Remove(item.Id);
        }

        selection = LeadSelection.Explicit(selectedIds);
    }

    private void OnPageCheckChanged(bool? value)
    {
        // The header box selects this page (only this page) unless all of it is selected already, then it clears it;
        // the tri-state value it reports is ignored so that a partly selected page always becomes fully selected.
        _ = value;
        var select = PageCheckState != true;
        foreach (var item in pageItems)
        {
            if (select)
            {
                selectedIds.Add(item.Id);
            }
            else
            {
                selectedIds.Remove(item.Id);
            }
        }

        selection = LeadSelection.Explicit(selectedIds);
    }

    private void SelectAllMatching()
    {
        selectedIds.Clear();
        selection = LeadSelection.Matching(filter, total);
    }

    private void ClearSelection()
    {
        selectedIds.Clear();
        selection = LeadSelection.None;
    }

    private async Task OnFilterChangedAsync(LeadFilter value)
    {
        filter = value;
        ClearSelection();
        if (grid is not null)
        {
            grid.NavigateTo(Page.First);
            await grid.ReloadServerData();
        }
    }

    private Task ClearFiltersAsync() => OnFilterChangedAsync(LeadFilter.All);

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private string RowClass(LeadListItem item, int index) =>
        IsSelected(item) ? "lead-row lead-row-selected cursor-pointer" : "lead-row cursor-pointer";

    private Task OnRowClickAsync(DataGridRowClickEventArgs<LeadListItem> args) => OpenEditAsync(args.Item.Id);

    private Task CreateAsync() => OpenDialogAsync(null);

    private Task OpenEditAsync(Guid id) => OpenDialogAsync(id);

    private async Task OpenDialogAsync(Guid? id)
    {
        var outcome = await LeadDialog.ShowAsync(Dialogs, id);
        if (outcome is null)
        {
            return;
        }

        if (outcome == LeadDialogOutcome.Deleted && id is { } deleted && selectedIds.Remove(deleted))
        {
            selection = LeadSelection.Explicit(selectedIds);
        }

        await ReloadAsync();
    }
}
