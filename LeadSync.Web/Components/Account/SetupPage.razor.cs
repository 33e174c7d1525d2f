using System.ComponentModel.DataAnnotations;
using LeadSync.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace LeadSync.Web.Components.Account;

/// <summary>
/// One-time setup: creates the first admin while none exists, and is refused (403) once one does. Password rules are
/// <see cref="AdminPasswordValidator"/>'s; each broken rule is shown under its field.
/// </summary>
public sealed partial class SetupPage
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;

    [Inject]
    private AdminAccounts Admins { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "setup")]
    private SetupModel? Input { get; set; }

    private bool AlreadySetUp { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        editContext = new EditContext(Input);
        messages = new ValidationMessageStore(editContext);
        AlreadySetUp = await Admins.AnyAsync(HttpContext.RequestAborted);
        if (AlreadySetUp)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }

    private async Task CreateAsync()
    {
        if (AlreadySetUp)
        {
            return;
        }

        var result = await Admins.CreateFirstAsync(Input!.Email, Input.Password, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Navigation.NavigateTo("account/signin");
            return;
        }

        foreach (var error in result.Errors)
        {
            var field = error.Field switch
            {
                "Email" => nameof(SetupModel.Email),
                "Password" => nameof(SetupModel.Password),
                _ => nameof(SetupModel.Form),
            };
            messages.Add(editContext.Field(field), error.Message);
        }

        if (result.Errors.Any(e => e.Rule == "setupDone"))
        {
            AlreadySetUp = true;
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        Input.Password = Input.ConfirmPassword = string.Empty; // never echo a password back into the page
        editContext.NotifyValidationStateChanged();
    }

    private void ClearPasswords()
    {
        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        Input!.Password = Input.ConfirmPassword = string.Empty;
    }

    private sealed class SetupModel
    {
        [Required(ErrorMessage = "Email is required.")]
        [EmailAddress(ErrorMessage = "Email must be a valid address such as name@example.com.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Password is required.")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Confirm the password.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        /// <summary>Carries errors about the whole form.</summary>
        public string? Form { get; set; }
    }
}
