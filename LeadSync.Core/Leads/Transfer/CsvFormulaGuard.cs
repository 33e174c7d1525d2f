namespace LeadSync.Core.Leads.Transfer;

/// <summary>
/// CSV injection: a cell starting with <c>=</c>, <c>@</c>, <c>+</c>, <c>-</c>, a tab or a carriage return is a formula to
/// Excel and LibreOffice (e.g. a Company of <c>=HYPERLINK(...)</c> typed into Zoho by anyone). Exported cells that
/// start so get a leading apostrophe, which spreadsheets show as text; an import takes that apostrophe off again.
/// A phone number (Core's phone rule: digits, spaces and <c>+ - ( ) x</c>) cannot call a function, so a leading + stays.
/// </summary>
public static class CsvFormulaGuard
{
    private const char Quote = '\'';

    public static string Escape(string? value, bool isPhone = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return StartsLikeFormula(value, isPhone) ? Quote + value : value;
    }

    /// <summary>Undoes <see cref="Escape"/>: an apostrophe followed by a formula character is the guard, not data.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == Quote && StartsLikeFormula(value[1..], isPhone: false) ? value[1..] : value;
    }

    private static bool StartsLikeFormula(string value, bool isPhone) => value[0] switch
    {
        '=' or '@' or '\t' or '\r' => true,
        '+' or '-' => !isPhone || !PhoneRule.IsValid(value),
        _ => false,
    };
}
