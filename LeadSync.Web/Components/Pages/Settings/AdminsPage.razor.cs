using System.Security.Claims;
using LeadSync.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>Lists admins, adds one (errors per field), removes one after confirmation. Rules live in <see cref="AdminAccounts"/>.</summary>
public sealed partial class AdminsPage
{
    private IReadOnlyList<AdminInfo>? admins;
    private string? currentUserId;
    private string? currentUserName;
    private string newEmail = string.Empty;
    private string newPassword = string.Empty;
    private string? emailError;
    private string? passwordError;
    private bool busy;

    [Inject]
    private AdminAccounts Admins { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        currentUserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        currentUserName = user.Identity?.Name;
        admins = await Admins.ListAsync();
    }

    private async Task AddAsync()
    {
        busy = true;
        emailError = passwordError = null;
        try
        {
            var result = await Admins.AddAsync(newEmail, newPassword, currentUserName ?? "admin");
            if (result.Succeeded)
            {
                Snackbar.Add($"{newEmail.Trim()} is now an admin.", Severity.Success);
                newEmail = newPassword = string.Empty;
                admins = await Admins.ListAsync();
                return;
            }

            emailError = Join(result, "Email");
            passwordError = Join(result, "Password");
            foreach (var error in result.Errors.Where(e => e.Field.Length == 0))
            {
                Snackbar.Add(error.Message, Severity.Error);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RemoveAsync(AdminInfo admin)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove admin", $"Remove {admin.Email}? They are signed out within a minute.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Admins.RemoveAsync(admin.Id, currentUserId ?? string.Empty);
            if (result.Succeeded)
            {
                Snackbar.Add($"{admin.Email} was removed.", Severity.Success);
            }
            else
            {
                Snackbar.Add(string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
            }

            admins = await Admins.ListAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string? Join(AdminResult result, string field)
    {
        var messages = result.Errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
