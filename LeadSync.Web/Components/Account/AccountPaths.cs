using LeadSync.Web.Security;

namespace LeadSync.Web.Components.Account;

/// <summary>
/// The links between the sign-in and setup pages. Each carries the page the person first asked for (the return URL), so
/// it survives sign-in → setup → sign-in; only a local path (<see cref="SignInPage.SafeReturnUrl"/>) is ever carried.
/// </summary>
internal static class AccountPaths
{
    public static string Setup(string? returnUrl) => WithReturnUrl(SecurityConstants.SetupPath, returnUrl);

    public static string SignIn(string? returnUrl) => WithReturnUrl(SecurityConstants.SignInPath, returnUrl);

    /// <summary>The sign-in page after setup: the confirmation token first, then the return URL.</summary>
    public static string SignInAfterSetup(string token, string? returnUrl) =>
        WithReturnUrl($"{SecurityConstants.SignInPath}?{SetupConfirmation.QueryName}={Uri.EscapeDataString(token)}", returnUrl);

    private static string WithReturnUrl(string path, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return path;
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{path}{separator}returnUrl={Uri.EscapeDataString(SignInPage.SafeReturnUrl(returnUrl))}";
    }
}
