using LeadSync.Core.Fields;
using LeadSync.Core.Leads.FieldFilters;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The grid's optional columns for mapped extra Zoho fields: the admin's choice (kept per admin in the browser,
/// <see cref="LeadColumnStore"/>), plus any field the view filters or sorts by, so a shared link shows what it selects.
/// A field no longer mapped has no column, whatever was stored.
/// </summary>
public sealed partial class LeadsPage
{
    private IReadOnlyList<MappedField> mapped = [];
    private IReadOnlyList<string> chosenColumns = [];
    private string? admin;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Who is signed in (the column choice is kept per admin); absent outside the app (component tests).</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The extra-field columns shown, in the mapping's order.</summary>
    private IReadOnlyList<MappedField> ShownFields => [.. mapped.Where(f =>
        chosenColumns.Contains(f.ApiName) || view.SortByField?.ApiName == f.ApiName || view.Filter.Fields?.Any(x => x.ApiName == f.ApiName) == true)];

    /// <summary>The shown columns that can be filtered.</summary>
    private IReadOnlyList<MappedField> FilterFields => [.. ShownFields.Where(f => FieldFilterKinds.For(f.Definition.Type) != FieldFilterKind.None)];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await LoadColumnsAsync();
        }

        await OpenLinkedLeadAsync();
    }

    /// <summary>The admin's stored choice (local storage is reachable once the page is interactive).</summary>
    private async Task LoadColumnsAsync()
    {
        admin = Authentication is null ? string.Empty : (await Authentication).User.Identity?.Name ?? string.Empty;
        var stored = await LeadColumnStore.LoadAsync(JS, admin);
        if (stored.Count > 0)
        {
            chosenColumns = stored;
            gridGeneration++; // a grid made anew keeps its columns in order
            StateHasChanged();
        }
    }

    private async Task OnColumnsChangedAsync(IReadOnlyList<string> columns)
    {
        chosenColumns = columns;
        if (view.SortByField is { } sorted && !columns.Contains(sorted.ApiName) && view.Filter.Fields?.Any(f => f.ApiName == sorted.ApiName) != true)
        {
            view = view with { SortByField = null };
        }

        gridGeneration++;
        if (admin is not null)
        {
            await LeadColumnStore.SaveAsync(JS, admin, columns);
        }
    }
}
