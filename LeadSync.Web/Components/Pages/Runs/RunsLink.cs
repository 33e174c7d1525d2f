using System.Globalization;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Sync.History;

namespace LeadSync.Web.Components.Pages.Runs;

/// <summary>
/// The shareable address of the runs page: <c>/runs?kind=Push&amp;trigger=Manual&amp;outcome=Failed&amp;range=Last24Hours</c>, or a
/// window of start times <c>?from=…&amp;to=…</c> in UTC ISO 8601 (from inclusive, to exclusive; the dashboard's bars build
/// it). Written in one canonical form; read leniently (a value that does not parse is ignored).
/// </summary>
public static class RunsLink
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The canonical address of <paramref name="view"/>.</summary>
    public static string For(RunsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var custom = view.Range == RunTimeRange.Custom;
        var parts = new[]
        {
            view.Kind is { } kind ? $"kind={kind}" : null,
            view.Trigger is { } trigger ? $"trigger={trigger}" : null,
            view.Outcome is { } outcome ? $"outcome={outcome}" : null,
            view.Range is not (RunTimeRange.Any or RunTimeRange.Custom) ? $"range={view.Range}" : null,
            custom && view.From is { } from ? $"from={Write(from)}" : null,
            custom && view.To is { } to ? $"to={Write(to)}" : null,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? "/runs" : "/runs?" + string.Join('&', parts);
    }

    /// <summary>The view an address asks for (a from/to window means the custom range).</summary>
    public static RunsView Parse(string? kind, string? trigger, string? outcome, string? range, (string? From, string? To) window)
    {
        var (from, to) = (Read(window.From), Read(window.To));
        var named = EnumNames.Parse<RunTimeRange>(range) is { } r and not RunTimeRange.Custom ? r : RunTimeRange.Any;
        return new RunsView(EnumNames.Parse<SyncRunKind>(kind), EnumNames.Parse<SyncTrigger>(trigger), EnumNames.Parse<SyncRunOutcome>(outcome),
            from is not null || to is not null ? RunTimeRange.Custom : named, from, to);
    }


    public static string ForWindow(DateTimeOffset from, DateTimeOffset to) =>
        $"/runs?from={Write(from)}&to={Write(to)}";

    public static string Write(DateTimeOffset value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The time in a query value, or null when it is missing or not a date.</summary>
    public static DateTimeOffset? Read(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
