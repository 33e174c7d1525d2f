using System.Globalization;

namespace LeadSync.Core.Zoho;

/// <summary>
/// The one place Zoho date-times are read and written (§2.1): <c>yyyy-MM-ddTHH:mm:ss±HH:mm</c>, whole seconds, the
/// offset kept as Zoho sent it.
/// </summary>
public static class ZohoDateTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>Parses a Zoho date-time, keeping its offset; null or empty gives null.</summary>
    /// <exception cref="FormatException">The text is not a date-time.</exception>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        // Tolerate fractions or a Z designator; a value without an offset is taken as UTC, never as local time.
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Formats in whole seconds with an explicit offset (fractions are dropped, never rounded up).</summary>
    public static string Format(DateTimeOffset value) => value.ToString(Pattern, CultureInfo.InvariantCulture);
}
