using System.Buffers;
using System.Globalization;
using System.Text;

namespace LeadSync.Core.Leads;

/// <summary>
/// How Zoho measures and reads text: lengths are UTF-16 code units (<see cref="string.Length"/>), so an emoji counts
/// as 2 or more and a letter with a combining accent as 2 (Zoho reference §2.11 gives the limits).
/// </summary>
public static class ZohoText
{
    /// <summary>The length Zoho compares with a field's maximum: UTF-16 code units.</summary>
    public static int Length(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length;
    }

    /// <summary>True when the text holds a control character (C0, DEL or C1), line breaks and tabs included.</summary>
    public static bool HasControlCharacter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Any(char.IsControl);
    }

    /// <summary>
    /// True when at least one character would show: a letter, digit, punctuation mark or symbol (Unicode L*, N*, P*, S*).
    /// Spaces, zero-width and other format characters (Cf), combining marks and broken surrogates show nothing alone.
    /// </summary>
    public static bool HasVisibleCharacter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            if (status == OperationStatus.Done && IsVisible(Rune.GetUnicodeCategory(rune)))
            {
                return true;
            }

            rest = rest[used..];
        }

        return false;
    }

    private static bool IsVisible(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
