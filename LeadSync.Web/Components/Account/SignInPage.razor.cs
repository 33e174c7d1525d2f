using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LeadSync.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadSync.Web.Components.Account;

/// <summary>
/// Static server-rendered sign-in (it needs the HTTP response to set the cookie). Wrong credentials get one neutral
/// message that does not say whether the email exists; five failures in a row lock the account for 15 minutes, and the
/// page says so and until when. Too many failures from one client address (<see cref="FailedAttemptTracker"/>) get 429
/// for every further post, the password unchecked.
/// </summary>
public sealed partial class SignInPage
{
    [Inject]
    private SignInManager<IdentityUser> SignInManager { get; set; } = default!;

    [Inject]
    private AdminAccounts Admins { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<IdentityOptions> IdentityOptions { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private FailedAttemptTracker Attempts { get; set; } = default!;

    [Inject]
    private SetupConfirmation SetupConfirmation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signin")]
    private SignInModel? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private bool SignedOut { get; set; }

    /// <summary>Set by the setup page after it created the first admin (<see cref="Security.SetupConfirmation"/>).</summary>
    [SupplyParameterFromQuery(Name = SetupConfirmation.QueryName)]
    private string? Created { get; set; }

    private string? Message { get; set; }

    private bool MessageIsError { get; set; }

    /// <summary>With the email already there (after setup, or a failed attempt), the password field takes the focus.</summary>
    private bool FocusPassword => !string.IsNullOrWhiteSpace(Input?.Email);

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            if (!await Admins.AnyAsync(HttpContext.RequestAborted))
            {
                Navigation.NavigateTo(AccountPaths.Setup(ReturnUrl));
                return;
            }

            if (SetupConfirmation.Read(Created) is { } email)
            {
                Input.Email = email;
                Message = "Admin account created — sign in with the password you just chose.";
            }
            else if (SignedOut)
            {
                Message = "You are signed out.";
            }
        }
    }

    private async Task SignInAsync()
    {
        if (Attempts.RetryAfter(FailedAttemptKind.SignIn, HttpContext.Connection.RemoteIpAddress) is { } wait)
        {
            RefuseTooManyFailures(wait);
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(Input!.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
            return;
        }

        Attempts.RecordFailure(FailedAttemptKind.SignIn, HttpContext.Connection.RemoteIpAddress);

        MessageIsError = true;
        Input.Password = string.Empty; // never echo a password back into the page
        if (result.IsLockedOut)
        {
            var user = await SignInManager.UserManager.FindByNameAsync(Input.Email.Trim());
            var until = user?.LockoutEnd ?? Clock.GetUtcNow().Add(IdentityOptions.Value.Lockout.DefaultLockoutTimeSpan);
            var minutes = (int)IdentityOptions.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes;
            Message = $"This account is locked after {IdentityOptions.Value.Lockout.MaxFailedAccessAttempts} failed sign-ins. " +
                $"Try again after {until.UtcDateTime:HH:mm} UTC ({minutes} minutes), or ask another admin.";
        }
        else
        {
            Message = "Email or password is incorrect.";
        }

        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private void ClearPassword() => Input!.Password = string.Empty;

    private void RefuseTooManyFailures(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var minutes = (seconds + 59) / 60;
        MessageIsError = true;
        Input!.Password = string.Empty; // never echo a password back into the page
        Message = $"Too many failed sign-ins from your network address. Try again in {minutes} minute{(minutes == 1 ? string.Empty : "s")}.";
        HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Only local paths: an absolute or protocol-relative return URL would be an open redirect. Non-ASCII characters are
    /// percent-encoded (a Location header is ASCII) and a URL carrying control characters is dropped.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl)
    {
        const string fallback = "/leads";
        if (returnUrl is not { Length: > 0 } url || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
            || url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) || url.Any(char.IsControl)
            || !Uri.TryCreate(new Uri("http://leadsync.local"), url, out var parsed) || parsed.Authority != "leadsync.local")
        {
            return fallback;
        }

        var local = parsed.PathAndQuery + parsed.Fragment;
        return local.All(char.IsAscii) ? local : fallback;
    }

    private sealed class SignInModel
    {
        [Required(ErrorMessage = "Email is required.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Password is required.")]
        public string Password { get; set; } = string.Empty;
    }
}
