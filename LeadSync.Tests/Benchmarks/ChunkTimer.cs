using System.Globalization;
using LeadSync.Core.Sync.Events;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Times the chunks of an "all matching" action from the <see cref="LeadsChanged"/> event its run publishes after each
/// chunk: the time between one chunk's event and the next is that chunk's cost. Reported as the median chunk time in
/// each tenth of the selection, first to last — what shows whether a chunk deep in a million costs more than the first
/// (a read or write that grows with the offset).
/// </summary>
public sealed class ChunkTimer : IAsyncDisposable
{
    private readonly SyncEventSubscription subscription;
    private readonly List<(DateTimeOffset At, Guid? RunId)> marks = [];
    private readonly Task reading;
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private ChunkTimer(SyncEventBus bus)
    {
        subscription = bus.Subscribe(capacity: 100_000);
        reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts listening now; the first chunk is timed from this moment.</summary>
    public static ChunkTimer Start(SyncEventBus bus) => new(bus);

    /// <summary>Stops listening and returns the median chunk time (ms) of each tenth of the run's chunks, and how many chunks.</summary>
    public async Task<(IReadOnlyList<double> TenthsMs, int Chunks)> StopAsync(Guid runId)
    {
        subscription.Dispose();
        await reading;
        var at = marks.Where(m => m.RunId == runId).Select(m => m.At).ToList();
        var durations = at.Select((t, i) => (t - (i == 0 ? started : at[i - 1])).TotalMilliseconds).ToList();
        if (durations.Count == 0)
        {
            return ([], 0);
        }

        var tenths = Enumerable.Range(0, 10)
            .Select(k => durations.Skip(durations.Count * k / 10).Take(Math.Max(1, durations.Count * (k + 1) / 10 - durations.Count * k / 10)).ToList())
            .Select(Median).ToList();
        return (tenths, durations.Count);
    }

    /// <summary>"12 / 11 / … ms" for a benchmark note.</summary>
    public static string Describe(IReadOnlyList<double> tenthsMs) =>
        string.Join(" / ", tenthsMs.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)));

    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        await reading;
    }

    private async Task ReadAsync()
    {
        await foreach (var e in subscription.Reader.ReadAllAsync())
        {
            if (e is LeadsChanged changed)
            {
                marks.Add((changed.At, changed.RunId)); // the engine's clock: the system's in a benchmark
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }
}
