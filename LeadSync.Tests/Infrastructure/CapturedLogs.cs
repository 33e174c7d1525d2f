using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// Every log line written to it (with exception text and the state's values), for asserting what gets logged and what
/// never does. The test host filters what reaches it (Debug and up unless told otherwise); a logger factory built by
/// hand around it gets every level it lets through. <see cref="Tail"/> is what a timed-out wait reports.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    /// <summary>Each line as <c>Level Category: message properties exception</c>, oldest first.</summary>
    public IReadOnlyCollection<string> Lines => [.. entries.Select(e => e.Text)];

    public string AllText => string.Join('\n', entries.Select(e => e.Text));

    /// <summary>
    /// The last <paramref name="count"/> lines that tell what the app did: LeadSync's own at any level, everything at
    /// Information and up (never EF Core's SQL commands), each with its time and cut at <paramref name="width"/> characters.
    /// </summary>
    public IReadOnlyList<string> Tail(int count, int width = 400) =>
    [
        .. entries.Where(e => e.Category.StartsWith("LeadSync", StringComparison.Ordinal) || (e.Level >= LogLevel.Information && !e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)))
            .TakeLast(count)
            .Select(e => e.At.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) + (e.Text.Length <= width ? e.Text : e.Text[..width] + "…")),
    ];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed record Entry(DateTimeOffset At, LogLevel Level, string Category, string Text);

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            entries.Enqueue(new Entry(DateTimeOffset.UtcNow, logLevel, category, $"{logLevel} {category}: {formatter(state, exception)} {properties} {exception}"));
        }
    }
}
