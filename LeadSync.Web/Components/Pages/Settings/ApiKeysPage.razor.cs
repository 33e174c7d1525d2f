using LeadSync.Core.Leads;
using LeadSync.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>Creates (shown once), lists and revokes API keys; <see cref="ApiKeys"/> does the work.</summary>
public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeyInfo>? keys;
    private CreatedApiKey? created;
    private string newName = string.Empty;
    private string? nameError;
    private string currentUser = "admin";
    private bool busy;

    [Inject]
    private ApiKeys ApiKeys { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        currentUser = (await AuthenticationState).User.Identity?.Name ?? "admin";
        keys = await ApiKeys.ListAsync();
    }

    private async Task CreateAsync()
    {
        busy = true;
        nameError = null;
        try
        {
            created = await ApiKeys.CreateAsync(newName, currentUser);
            newName = string.Empty;
            keys = await ApiKeys.ListAsync();
        }
        catch (LeadValidationException ex)
        {
            nameError = string.Join(" ", ex.Failures.Select(f => f.Message));
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeyInfo key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke API key", $"Revoke \"{key.Name}\" ({key.Prefix}…)? Calls with it fail at once.", yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            if (await ApiKeys.RevokeAsync(key.Id, currentUser))
            {
                Snackbar.Add($"\"{key.Name}\" was revoked.", Severity.Success);
            }

            keys = await ApiKeys.ListAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (created is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", created.Key);
            Snackbar.Add("Key copied.", Severity.Info);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser refused the clipboard: select the key and copy it by hand.", Severity.Warning);
        }
    }
}
