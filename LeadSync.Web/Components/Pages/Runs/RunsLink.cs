using System.Globalization;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>
/// The shareable address of the runs page filtered to a window of start times: <c>/runs?from=…&amp;to=…</c> in UTC ISO 8601,
/// from inclusive, to exclusive. The dashboard's bars build it; the runs page reads it back.
/// </summary>
public static class RunsLink
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string ForWindow(DateTimeOffset from, DateTimeOffset to) =>
        $"/runs?from={Write(from)}&to={Write(to)}";

    public static string Write(DateTimeOffset value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The time in a query value, or null when it is missing or not a date.</summary>
    public static DateTimeOffset? Read(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
