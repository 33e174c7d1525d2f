using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The view lives in the address (<see cref="LeadListUrl"/>): read when the page opens or its address changes (a link,
/// the rail's "Leads"), written back — replacing the history entry — whenever the user filters, sorts or pages.
/// </summary>
public sealed partial class LeadsPage
{
    private string viewUrl = LeadListUrl.Path;

    /// <summary>Bumped when the address asks for another view: the grid is made anew with that view's sort and page.</summary>
    private int gridGeneration;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = LeadListUrl.SearchParameter)]
    public string? UrlSearch { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.StateParameter)]
    public string[]? UrlStates { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.StatusParameter)]
    public string[]? UrlStatuses { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.FieldParameter)]
    public string[]? UrlFields { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.FieldSortParameter)]
    public string? UrlFieldSort { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.FieldErrorsParameter)]
    public string? UrlFieldErrors { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.SortParameter)]
    public string? UrlSort { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.DirectionParameter)]
    public string? UrlDirection { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.PageParameter)]
    public string? UrlPage { get; set; }

    [SupplyParameterFromQuery(Name = LeadListUrl.SizeParameter)]
    public string? UrlSize { get; set; }

    [Inject]
    private IMappedFields MappedFields { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        mapped = await MappedFields.GetAsync();
        var asked = LeadListUrl.Parse(
            new LeadListQuery(UrlSearch, UrlStates, UrlStatuses, UrlSort, UrlDirection, UrlPage, UrlSize, UrlFields, UrlFieldSort, UrlFieldErrors), mapped);
        var url = LeadListUrl.For(asked);
        if (url == viewUrl && gridGeneration > 0)
        {
            return; // our own write, or the same view
        }

        viewUrl = url;
        view = asked;
        selection.FilterChanged();
        loaded = false;
        gridGeneration++;
    }

    /// <summary>The first sort a (new) grid shows for a column: the view's, from the address.</summary>
    private SortDirection DirectionOf(LeadSortField field) =>
        view.SortByField is not null || view.SortBy != field ? SortDirection.None : view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The first sort a (new) grid shows for an extra-field column.</summary>
    private SortDirection DirectionOf(MappedField field) =>
        view.SortByField?.ApiName != field.ApiName ? SortDirection.None : view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>Puts the current view into the address when it differs (no new history entry per keystroke).</summary>
    private void WriteUrl()
    {
        var url = LeadListUrl.For(view);
        if (url == viewUrl)
        {
            return;
        }

        viewUrl = url;
        Navigation.NavigateTo(url, replace: true);
    }
}
