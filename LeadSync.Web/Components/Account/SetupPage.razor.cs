using System.ComponentModel.DataAnnotations;
using LeadSync.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Components.Account;

/// <summary>
/// One-time setup: creates the first admin while none exists, and is refused (403) once one does. The password rules
/// are stated up front (<see cref="PasswordRuleText"/>, from the configured Identity options) and each broken rule is
/// shown under its field in plain words. On success the admin lands on sign-in with a confirmation and the email filled
/// in (<see cref="SetupConfirmation"/>), the original return URL still attached: signing in once proves the password
/// was kept (and lets a password manager save it) before the console opens.
/// </summary>
public sealed partial class SetupPage
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;

    [Inject]
    private AdminAccounts Admins { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SetupConfirmation Confirmation { get; set; } = default!;

    [Inject]
    private IOptions<IdentityOptions> IdentityOptions { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "setup")]
    private SetupModel? Input { get; set; }

    /// <summary>The page first asked for, kept through setup and sign-in.</summary>
    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private bool AlreadySetUp { get; set; }

    /// <summary>The field that takes the focus: the first one with a message after a failed post, else the email.</summary>
    private string FocusedField =>
        new[] { nameof(SetupModel.Email), nameof(SetupModel.Password), nameof(SetupModel.ConfirmPassword) }
            .FirstOrDefault(name => editContext.GetValidationMessages(editContext.Field(name)).Any()) ?? nameof(SetupModel.Email);

    private IReadOnlyList<string> Rules => PasswordRuleText.Requirements(IdentityOptions.Value.Password);

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
            Navigation.NavigateTo(AccountPaths.SignInAfterSetup(Confirmation.Issue(Input.Email), ReturnUrl));
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
