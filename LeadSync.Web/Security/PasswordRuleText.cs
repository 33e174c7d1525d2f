using Microsoft.AspNetCore.Identity;

namespace LeadSync.Web.Security;

/// <summary>
/// The admin password policy in plain words, from the configured <see cref="PasswordOptions"/> and
/// <see cref="AdminPasswordValidator"/>'s own rules: the list shown before anyone types, and one field-named sentence per
/// broken rule (an Identity error code) instead of Identity's raw text ("non alphanumeric character").
/// </summary>
public static class PasswordRuleText
{
    private const string Field = "Password: ";

    /// <summary>What a new password needs, one line per rule, in the order a person checks them.</summary>
    public static IReadOnlyList<string> Requirements(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<string>
        {
            $"At least {AdminPasswordValidator.MinimumLengthFor(options)} characters (up to {AdminPasswordValidator.MaximumLength}); a passphrase of a few words is easiest",
        };
        AddIf(rules, options.RequireDigit, "At least one digit (0–9)");
        AddIf(rules, options.RequireLowercase, "At least one lowercase letter (a–z)");
        AddIf(rules, options.RequireUppercase, "At least one capital letter (A–Z)");
        AddIf(rules, options.RequireNonAlphanumeric, "At least one symbol such as ! or #");
        AddIf(rules, options.RequiredUniqueChars > 1, $"At least {options.RequiredUniqueChars} different characters");
        rules.Add("Not a common password, and not containing your email address");
        return rules;
    }

    /// <summary>The plain, field-named sentence for an Identity password error; an unknown code keeps its description.</summary>
    public static string Explain(string code, string description, PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Field + code switch
        {
            "PasswordTooShort" => $"needs at least {AdminPasswordValidator.MinimumLengthFor(options)} characters",
            "PasswordTooLong" => $"must be at most {AdminPasswordValidator.MaximumLength} characters",
            "PasswordRequiresDigit" => "needs at least one digit (0–9)",
            "PasswordRequiresLower" => "needs at least one lowercase letter (a–z)",
            "PasswordRequiresUpper" => "needs at least one capital letter (A–Z)",
            "PasswordRequiresNonAlphanumeric" => "needs at least one symbol such as ! or #",
            "PasswordRequiresUniqueChars" => $"needs at least {options.RequiredUniqueChars} different characters",
            "PasswordTooCommon" => "is too common; choose a longer passphrase of a few words",
            "PasswordContainsEmail" => "must not contain your email address",
            _ => description,
        };
    }

    private static void AddIf(List<string> rules, bool required, string rule)
    {
        if (required)
        {
            rules.Add(rule);
        }
    }
}
