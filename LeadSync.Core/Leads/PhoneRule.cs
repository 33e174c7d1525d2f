using System.Text.RegularExpressions;

namespace LeadSync.Core.Leads;

/// <summary>
/// The phone numbers both LeadSync and Zoho accept: an optional leading <c>+</c>, then ASCII digits, spaces,
/// <c>( ) . - /</c> and a lower-case <c>x</c> before an extension, with at least one digit; at most 30 units.
/// An upper-case <c>X</c>, <c>#</c>, <c>*</c>, letters, non-ASCII digits and invisible characters are refused.
/// </summary>
public static partial class PhoneRule
{
    /// <summary>What a person may type, for messages.</summary>
    public const string Allowed = "digits, spaces and + ( ) . - / x (+ only first, x before an extension), with at least one digit";

    /// <summary>True when <paramref name="phone"/> (as given, not trimmed) has the shape above.</summary>
    public static bool IsValid(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return ZohoText.Length(phone) <= Lead.PhoneMaxLength && Pattern().IsMatch(phone) && phone.Any(char.IsAsciiDigit);
    }

    [GeneratedRegex(@"\A\+?[0-9 ().\-/x]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
