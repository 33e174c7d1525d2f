using System.Globalization;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The sandbox's one place for Zoho date-times (§2.1): whole seconds, rendered as <c>yyyy-MM-ddTHH:mm:ss±HH:mm</c> in the
/// API user's offset (<c>Sandbox:TimeZoneOffset</c>); input accepts any offset.
/// </summary>
public sealed class SandboxClock(TimeProvider timeProvider, IOptions<ZohoSandboxOptions> options)
{
    private readonly TimeSpan offset = options.Value.ParsedTimeZoneOffset();

    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Now, UTC, truncated to the whole second.</summary>
    public DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public string Format(DateTimeOffset value) =>
        value.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 date-time with an offset (or <c>Z</c>), truncated to the whole second; null when malformed.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        var utc = parsed.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
