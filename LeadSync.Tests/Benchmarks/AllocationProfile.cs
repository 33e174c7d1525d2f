using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// What a benchmark round allocated, by type: the runtime's allocation-tick events (one per ~100 KB allocated on a
/// thread, naming the type of the object that crossed the mark), summed per type while it listens — a sample, so the
/// shares are what it reports, not exact bytes. Off unless <c>LEADSYNC_BENCH_ALLOCATIONS=1</c>.
/// </summary>
public sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool listening;

    public const string Variable = "LEADSYNC_BENCH_ALLOCATIONS";

    private AllocationProfile() => listening = true;

    /// <summary>A profile when <c>LEADSYNC_BENCH_ALLOCATIONS=1</c>, else null.</summary>
    public static AllocationProfile? StartIfAsked() => Environment.GetEnvironmentVariable(Variable) == "1" ? new AllocationProfile() : null;

    /// <summary>The <paramref name="top"/> types by sampled bytes, with their share of all sampled bytes.</summary>
    public string Top(int top = 25)
    {
        listening = false;
        var total = Math.Max(1, bytesByType.Values.Sum());
        return string.Join("\n", bytesByType.OrderByDescending(t => t.Value).Take(top)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value * 100.0 / total,5:F1} % {t.Value / 1024 / 1024,6} MB  {t.Key}")));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!listening || eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
