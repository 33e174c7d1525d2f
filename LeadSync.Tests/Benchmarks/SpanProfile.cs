using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LeadSync.Core.Diagnostics;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Where a sync run's time went, from the engine's own spans (<see cref="SyncTelemetry"/>): total milliseconds and
/// count per span name while it listens (overlapping spans each count). A benchmark prints it so that a slow round can
/// be told apart — waiting on Zoho, or storing pages. Off unless <c>LEADSYNC_BENCH_PROFILE=1</c>: listening builds every
/// span, which costs a few per cent (see the tracing-overhead benchmark).
/// </summary>
public sealed class SpanProfile : IDisposable
{
    private readonly ConcurrentDictionary<string, (double Ms, int Count)> totals = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    public const string Variable = "LEADSYNC_BENCH_PROFILE";

    private SpanProfile()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SyncTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => totals.AddOrUpdate(activity.DisplayName, (activity.Duration.TotalMilliseconds, 1),
                (_, t) => (t.Ms + activity.Duration.TotalMilliseconds, t.Count + 1)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>A profile when <c>LEADSYNC_BENCH_PROFILE=1</c>, else null.</summary>
    public static SpanProfile? StartIfAsked() => Environment.GetEnvironmentVariable(Variable) == "1" ? new SpanProfile() : null;

    /// <summary>"name: total ms / count" per span name, largest first.</summary>
    public override string ToString() => string.Join("; ", totals.OrderByDescending(t => t.Value.Ms)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}: {t.Value.Ms:F0} ms / {t.Value.Count}")));

    /// <summary>Writes "<paramref name="heading"/>: profile" to the test's output and beside the results file (passing tests' output is not shown).</summary>
    public Task WriteAsync(string heading, CancellationToken cancellationToken) => BenchmarkRunner.WriteProfileAsync($"{heading}; {this}", cancellationToken);

    public void Dispose() => listener.Dispose();
}
