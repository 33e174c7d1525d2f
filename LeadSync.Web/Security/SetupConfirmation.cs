using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LeadSync.Web.Security;

/// <summary>
/// Carries "the first admin was just created, as this email" from the setup page to the sign-in page, which then says so
/// and fills in the email. The note is a data-protected, 15-minute token in the redirect's query: the email stays out of
/// address bars and access logs, and nobody can craft a link that shows the confirmation or plants an email.
/// </summary>
public sealed class SetupConfirmation(IDataProtectionProvider protection)
{
    /// <summary>The query parameter of the sign-in page that carries the token.</summary>
    public const string QueryName = "created";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("LeadSync.Web.Security.SetupConfirmation").ToTimeLimitedDataProtector();

    public string Issue(string email) => protector.Protect(email.Trim(), Lifetime);

    /// <summary>The new admin's email, or null for a missing, forged, tampered or expired token.</summary>
    public string? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
