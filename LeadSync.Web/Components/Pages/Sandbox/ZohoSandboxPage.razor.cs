using LeadSync.ZohoSandbox;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Sandbox;

/// <summary>The sandbox's own "Zoho CRM" screen: a person lists, creates, edits and deletes the sandbox's leads.</summary>
public sealed partial class ZohoSandboxPage
{
    private MudDataGrid<SandboxLead>? grid;
    private string? search;
    private bool? served;
    private bool loaded;

    [Inject]
    private SandboxLeadService Service { get; set; } = null!;

    [Inject]
    private SandboxAvailability Availability { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        Service.Store.Changed += OnStoreChanged;
        served = await Availability.IsServedAsync();
    }

    public void Dispose() => Service.Store.Changed -= OnStoreChanged;

    private Task<GridData<SandboxLead>> LoadAsync(GridState<SandboxLead> state, CancellationToken cancellationToken)
    {
        var (items, total) = Service.Store.Search(search, state.Page * state.PageSize, state.PageSize);
        loaded = true;
        StateHasChanged();
        return Task.FromResult(new GridData<SandboxLead> { Items = items, TotalItems = total });
    }

    private async Task OnSearchAsync(string? value)
    {
        search = value;
        if (grid is not null)
        {
            await grid.ReloadServerData();
        }
    }

    private Task CreateAsync() => OpenEditorAsync(null);

    private Task EditAsync(SandboxLead lead) => OpenEditorAsync(lead);

    private async Task OpenEditorAsync(SandboxLead? lead)
    {
        var parameters = new DialogParameters<SandboxLeadDialog> { { d => d.Lead, lead } };
        var dialog = await Dialogs.ShowAsync<SandboxLeadDialog>(lead is null ? "New sandbox lead" : "Edit sandbox lead", parameters);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(lead is null ? "Lead created in the sandbox" : "Lead saved in the sandbox", Severity.Success);
        }
    }

    private async Task DeleteAsync(SandboxLead lead)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete lead", $"Delete {lead.FullName} from the sandbox?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var outcome = await Service.DeleteAsync(lead.Id, CancellationToken.None);
        if (outcome.Succeeded)
        {
            Snackbar.Add("Lead deleted from the sandbox", Severity.Success);
        }
        else
        {
            Snackbar.Add($"Not deleted: {outcome.Error!.Message}", Severity.Error);
        }
    }

    private void OnStoreChanged() => _ = InvokeAsync(async () =>
    {
        if (grid is not null)
        {
            await grid.ReloadServerData();
        }
    });
}
