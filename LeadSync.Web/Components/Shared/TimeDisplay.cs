using System.Globalization;

namespace LeadSync.Web.Components.Shared;

/// <summary>How the console writes times: "5 min ago" for scanning, the exact UTC instant for the tooltip.</summary>
internal static class TimeDisplay
{
    public static string Exact(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Relative(DateTimeOffset value, DateTimeOffset now)
    {
        var age = now - value;
        if (age < TimeSpan.Zero)
        {
            return age > TimeSpan.FromMinutes(-1) ? "just now" : "in the future";
        }

        return age switch
        {
            { TotalSeconds: < 45 } => "just now",
            { TotalMinutes: < 60 } => $"{Math.Max(1, (int)age.TotalMinutes)} min ago",
            { TotalHours: < 24 } => Plural((int)age.TotalHours, "hour"),
            { TotalDays: < 30 } => Plural((int)age.TotalDays, "day"),
            { TotalDays: < 365 } => Plural((int)(age.TotalDays / 30), "month"),
            _ => Plural((int)(age.TotalDays / 365), "year"),
        };
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
