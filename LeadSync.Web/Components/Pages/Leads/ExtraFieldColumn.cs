using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// A Leads grid column for one mapped extra field. MudBlazor names a template column's sort after a random id; this one
/// names it <c>field:ApiName</c> so the page can hand the sort to Core (<see cref="LeadGridSort.ExtraFor"/>).
/// </summary>
public sealed class ExtraFieldColumn : TemplateColumn<LeadRow>
{
    [Parameter, EditorRequired]
    public string ApiName { get; set; } = string.Empty;

    public override string PropertyName => LeadGridSort.FieldPrefix + ApiName;
}
