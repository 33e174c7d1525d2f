using LeadSync.Core.Leads;
using LeadSync.Core.Settings;
using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>Edits and tests the Zoho connection through <see cref="ZohoConnectionService"/>; secrets only go in.</summary>
public sealed partial class ZohoConnectionCard
{
    private ZohoConnectionView? view;
    private ZohoMode mode;
    private ZohoDataCenter dataCenter;
    private string? clientId;
    private string? newSecret;
    private string? newRefreshToken;
    private ZohoConnectionTestResult? test;
    private IReadOnlyList<ValidationFailure> errors = [];
    private bool busy;
    private int saves;

    [Inject]
    private ZohoConnectionService Connection { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        view = await Connection.GetAsync();
        (mode, dataCenter, clientId) = (view.Mode, view.DataCenter, view.ClientId);
        (newSecret, newRefreshToken) = (null, null);
    }

    private bool HasError(string field) => errors.Any(e => e.Field == field);

    private string? ErrorFor(string field) => errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task SaveAsync()
    {
        busy = true;
        test = null;
        try
        {
            var update = new ZohoConnectionUpdate(mode, dataCenter, clientId, newSecret, newRefreshToken);
            errors = ZohoConnectionService.Validate(update);
            if (errors.Count > 0)
            {
                return;
            }

            await Connection.SaveAsync(update);
            Snackbar.Add("Zoho connection saved; the next call uses it with a new access token.", Severity.Success);
            saves++;
            await LoadAsync();
        }
        catch (SettingsValidationException ex)
        {
            errors = ex.Failures;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task TestAsync()
    {
        busy = true;
        test = null;
        try
        {
            test = await Connection.TestAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
