using LeadSync.Core.Fields;
using LeadSync.ZohoSandbox;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Sandbox;

/// <summary>
/// The sandbox page's Zoho field settings: one form to add a custom field or change one (label, type, picklist values,
/// mandatory) and to delete it; the rules are <see cref="SandboxFieldCatalog"/>'s, refused edits are shown as it says them.
/// </summary>
public sealed partial class SandboxFieldsPanel
{
    private const string NewField = "";

    private static readonly ZohoFieldType[] EditableTypes = [.. Enum.GetValues<ZohoFieldType>()
        .Where(t => t is not (ZohoFieldType.Unsupported or ZohoFieldType.Lookup or ZohoFieldType.OwnerLookup))];

    private string selected = NewField;
    private ZohoFieldDefinition? current;
    private string? label;
    private string? dataType = "text";
    private string? picklist;
    private bool mandatory;
    private string? error;

    [Parameter]
    public string? Class { get; set; }

    [Inject]
    private SandboxFieldCatalog Catalog { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected override void OnInitialized() => Catalog.Changed += OnCatalogChanged;

    public void Dispose() => Catalog.Changed -= OnCatalogChanged;

    private void OnCatalogChanged() => _ = InvokeAsync(StateHasChanged);

    private void Select(string apiName)
    {
        selected = apiName;
        current = Catalog.Find(apiName);
        error = null;
        label = current?.Label;
        dataType = current?.DataType ?? "text";
        picklist = current is null ? null : string.Join('\n', current.PicklistValues);
        mandatory = current?.Mandatory ?? false;
    }

    private SandboxFieldEdit Edit() => new()
    {
        Label = label,
        DataType = current is not null && dataType == current.DataType ? null : dataType,
        PicklistValues = dataType is "picklist" or "multiselectpicklist" ? (picklist ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
        Mandatory = mandatory,
    };

    private Task SaveAsync() => RunAsync(async () =>
    {
        var saved = current is null ? await Catalog.AddAsync(Edit(), default) : await Catalog.UpdateAsync(current.ApiName, Edit(), default);
        Snackbar.Add($"Field {saved.ApiName} saved.", Severity.Success);
        Select(saved.ApiName);
    });

    private Task DeleteAsync() => RunAsync(async () =>
    {
        var deleted = await Catalog.DeleteAsync(current!.ApiName, default);
        Snackbar.Add($"Field {deleted.ApiName} deleted.", Severity.Success);
        Select(NewField);
    });

    private async Task RunAsync(Func<Task> edit)
    {
        try
        {
            error = null;
            await edit();
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
        }
        catch (KeyNotFoundException ex)
        {
            error = ex.Message;
        }
    }
}
