using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace LeadSync.Web.Security;

/// <summary>
/// The admin password policy (OWASP ASVS 4.0.3 level 2, V2.1): 12 to 128 characters (runs of spaces count once, any
/// character allowed), no composition rules unless <see cref="PasswordOptions"/> asks for them, not a common password
/// (<see cref="CommonPasswords"/>, or one short unit repeated), and not containing the admin's email address or its local
/// part. Replaces Identity's default validator; every message is <see cref="PasswordRuleText"/>'s plain, field-named
/// sentence. Error codes start with "Password" so <see cref="AdminAccounts"/> shows them under the password field.
/// </summary>
internal sealed class AdminPasswordValidator(CommonPasswords commonPasswords) : IPasswordValidator<IdentityUser>
{
    public const int MinimumLength = 12;

    public const int MaximumLength = 128;

    /// <summary>The rule as the setup and Admins pages state it.</summary>
    public const string Description =
        "At least 12 characters; a passphrase of a few words is easiest. Common passwords and passwords containing your email address are refused.";

    /// <summary>A local part shorter than this ("al@…") is too short to look for inside a password.</summary>
    private const int ShortestLocalPartChecked = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= string.Empty;
        var options = manager?.Options?.Password ?? LeadSyncOptions;
        var codes = new List<string>();
        var length = LengthOf(password);
        if (length < MinimumLengthFor(options))
        {
            codes.Add("PasswordTooShort");
        }
        else if (length > MaximumLength)
        {
            codes.Add("PasswordTooLong");
        }

        codes.AddRange(CompositionErrors(password, options));
        if (password.Length > 0 && IsCommon(password))
        {
            codes.Add("PasswordTooCommon");
        }

        if (ContainsEmail(password, user.Email ?? user.UserName))
        {
            codes.Add("PasswordContainsEmail");
        }

        var errors = codes.Select(code => new IdentityError { Code = code, Description = PasswordRuleText.Explain(code, code, options) }).ToArray();
        return Task.FromResult(errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors));
    }

    /// <summary>LeadSync's Identity password options: ASVS's minimum length and no composition rules.</summary>
    public static PasswordOptions LeadSyncOptions => Apply(new PasswordOptions());

    /// <summary>Sets <paramref name="options"/> to LeadSync's policy (registered for Identity at start).</summary>
    public static PasswordOptions Apply(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
        return options;
    }

    /// <summary>The fewest characters a password may have: the configured <see cref="PasswordOptions.RequiredLength"/>, never under ASVS's 12.</summary>
    public static int MinimumLengthFor(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Math.Max(MinimumLength, options.RequiredLength);
    }

    /// <summary>
    /// Identity's composition rules, enforced only when the options ask for them (LeadSync's do not): the rules the setup
    /// page states come from the same options, so the page never promises a rule nobody checks.
    /// </summary>
    private static IEnumerable<string> CompositionErrors(string password, PasswordOptions options)
    {
        if (options.RequireDigit && !password.Any(char.IsAsciiDigit))
        {
            yield return "PasswordRequiresDigit";
        }

        if (options.RequireLowercase && !password.Any(char.IsLower))
        {
            yield return "PasswordRequiresLower";
        }

        if (options.RequireUppercase && !password.Any(char.IsUpper))
        {
            yield return "PasswordRequiresUpper";
        }

        if (options.RequireNonAlphanumeric && password.All(char.IsLetterOrDigit))
        {
            yield return "PasswordRequiresNonAlphanumeric";
        }

        if (options.RequiredUniqueChars > 1 && password.Distinct().Count() < options.RequiredUniqueChars)
        {
            yield return "PasswordRequiresUniqueChars";
        }
    }

    /// <summary>Characters as a person counts them (text elements), with each run of whitespace counted once.</summary>
    internal static int LengthOf(string password)
    {
        var collapsed = new StringBuilder(password.Length);
        foreach (var c in password)
        {
            if (!char.IsWhiteSpace(c) || collapsed.Length == 0 || !char.IsWhiteSpace(collapsed[^1]))
            {
                collapsed.Append(c);
            }
        }

        return new StringInfo(collapsed.ToString()).LengthInTextElements;
    }

    private bool IsCommon(string password) => commonPasswords.Contains(password) || IsRepeatedUnit(password);

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword": a unit of up to 4 characters, or a common one, repeated.</summary>
    private bool IsRepeatedUnit(string password)
    {
        for (var unit = 1; unit <= password.Length / 2; unit++)
        {
            if (password.Length % unit != 0)
            {
                continue;
            }

            var first = password[..unit];
            var repeated = true;
            for (var start = unit; start < password.Length && repeated; start += unit)
            {
                repeated = string.Compare(password, start, first, 0, unit, StringComparison.OrdinalIgnoreCase) == 0;
            }

            if (repeated && (unit <= 4 || commonPasswords.Contains(first)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsEmail(string password, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || password.Length == 0)
        {
            return false;
        }

        email = email.Trim();
        if (password.Contains(email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? email[..at] : email;
        return local.Length >= ShortestLocalPartChecked && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }

}
