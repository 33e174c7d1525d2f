using System.Text.RegularExpressions;

namespace LeadSync.Core.Leads;

/// <summary>
/// The email addresses both LeadSync and Zoho accept: ASCII only (so no invisible, bidi-control or look-alike
/// full-width characters); a dot-atom local part (letters, digits and <c>! # $ % &amp; ' * + / = ? ^ _ ` { | } ~ -</c>,
/// dots only between them); one <c>@</c>; a domain of at least two dot-separated labels of letters, digits and
/// inner hyphens, each 1–63 long, ending in a top-level label of at least two letters; at most 100 units in all.
/// </summary>
public static partial class EmailRule
{
    /// <summary>True when <paramref name="email"/> (as given, not trimmed) has the shape above.</summary>
    public static bool IsValid(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return ZohoText.Length(email) <= Lead.EmailMaxLength && Pattern().IsMatch(email);
    }

    /// <summary>True when every character is printable ASCII (no space, control, format or non-Latin character).</summary>
    public static bool HasOnlyPrintableAscii(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.All(c => c is > ' ' and < '\u007F');
    }

    // \A and \z, not ^ and $: $ would also match before a final line break.
    [GeneratedRegex(
        @"\A[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
        + @"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
