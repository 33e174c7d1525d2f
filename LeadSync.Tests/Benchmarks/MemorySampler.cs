using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Samples this process's managed heap (<see cref="GC.GetTotalMemory(bool)"/>, without collecting) and working set every
/// <see cref="Interval"/> while a workload runs, and reports the peaks above the values when sampling began. The test
/// host runs the app in the test process, so this is the app's memory (plus the test's own, which is small) — how a
/// streamed response shows it does not buffer: a buffering export grows with the row count, a streaming one stays flat.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// <c>LEADSYNC_BENCH_LIVE_HEAP=&lt;seconds&gt;</c>: how often a benchmark that asks for it probes the live heap
    /// (a forced full collection; see <see cref="Start"/>); null (no probes) when unset.
    /// </summary>
    public static TimeSpan? LiveProbeInterval =>
        double.TryParse(Environment.GetEnvironmentVariable("LEADSYNC_BENCH_LIVE_HEAP"), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private readonly Process process = Process.GetCurrentProcess();
    private readonly PeriodicTimer timer = new(Interval);
    private readonly long baselineHeap;
    private readonly long baselineWorkingSet;
    private readonly TimeSpan baselineCpu;
    private readonly Task sampling;
    private readonly TimeSpan? liveEvery;
    private long nextLive;
    private long peakLive;
    private int liveProbes;
    private long peakHeap;
    private long peakWorkingSet;
    private int samples;

    private MemorySampler(TimeSpan? liveEvery)
    {
        this.liveEvery = liveEvery;
        nextLive = liveEvery is { } every ? Stopwatch.GetTimestamp() + (long)(every.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        (baselineHeap, baselineWorkingSet) = Sample();
        baselineCpu = process.TotalProcessorTime;
        (peakHeap, peakWorkingSet) = (baselineHeap, baselineWorkingSet);
        sampling = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Starts sampling now; the current values are the baseline. On Linux the C heap's free pages go back to the system
    /// first (<c>malloc_trim</c>): SQLite's page cache and the like, freed by earlier work (a bulk load), would otherwise
    /// stay in the working set, and a workload reusing them would show no growth where it really needs memory.
    /// With <paramref name="liveEvery"/>, the sampler also forces a full blocking collection at that interval and keeps
    /// the heap left after it: the live objects (what the app holds), as opposed to garbage server GC has not yet
    /// collected. It costs a pause per probe, so it is for diagnosis, not for timed figures.
    /// </summary>
    public static MemorySampler Start(TimeSpan? liveEvery = null)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // the baseline without earlier garbage
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = NativeMethods.malloc_trim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (e.g. musl): the baseline keeps whatever the C heap holds.
            }
        }

        return new(liveEvery);
    }

    /// <summary>Stops sampling (taking one last sample) and returns the peaks above the baseline.</summary>
    public async Task<MemoryGrowth> StopAsync()
    {
        timer.Dispose();
        await sampling;
        Record();
        var liveAfter = LiveHeap();
        return new MemoryGrowth(peakHeap - baselineHeap, peakWorkingSet - baselineWorkingSet, baselineHeap, baselineWorkingSet, samples)
        {
            PeakLiveBytes = liveProbes > 0 ? Math.Max(peakLive, liveAfter) : null,
            LiveProbes = liveProbes,
            LiveAfterBytes = liveAfter,
            Cpu = process.TotalProcessorTime - baselineCpu,
        };
    }

    public async ValueTask DisposeAsync()
    {
        timer.Dispose();
        await sampling;
        process.Dispose();
    }

    private async Task LoopAsync()
    {
        while (await timer.WaitForNextTickAsync())
        {
            Record();
        }
    }

    private void Record()
    {
        if (Stopwatch.GetTimestamp() >= nextLive)
        {
            var live = LiveHeap();
            nextLive = Stopwatch.GetTimestamp() + (long)(liveEvery!.Value.TotalSeconds * Stopwatch.Frequency);
            lock (timer)
            {
                peakLive = Math.Max(peakLive, live);
                liveProbes++;
            }
        }

        var (heap, workingSet) = Sample();
        lock (timer)
        {
            peakHeap = Math.Max(peakHeap, heap);
            peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
            samples++;
        }
    }

    /// <summary>The managed heap right after a full blocking collection: the bytes still reachable.</summary>
    private static long LiveHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private (long Heap, long WorkingSet) Sample()
    {
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}

/// <summary>glibc's <c>malloc_trim</c>, which returns the C heap's free pages to the system.</summary>
internal static class NativeMethods
{
    [DllImport("libc", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int malloc_trim(nuint pad);
}

/// <summary>Peak growth of the managed heap and the working set during a sampled workload, in bytes.</summary>
public sealed record MemoryGrowth(long HeapBytes, long WorkingSetBytes, long BaselineHeapBytes, long BaselineWorkingSetBytes, int Samples)
{
    private const double MiB = 1024 * 1024;

    public double HeapMiB => HeapBytes / MiB;

    public double WorkingSetMiB => WorkingSetBytes / MiB;

    /// <summary>The highest working set seen (baseline + growth): the process's memory as the machine sees it.</summary>
    public double PeakWorkingSetMiB => (BaselineWorkingSetBytes + WorkingSetBytes) / MiB;

    /// <summary>The most heap left after a forced full collection (probes and the end), when probed; null otherwise.</summary>
    public long? PeakLiveBytes { get; init; }

    public int LiveProbes { get; init; }

    /// <summary>The heap left after a full collection once the workload ended.</summary>
    public long LiveAfterBytes { get; init; }

    /// <summary>
    /// CPU time the process used during the workload (all its threads): what the work cost, whatever share of a busy
    /// machine it got — rows per CPU-second compares across runs where wall time cannot.
    /// </summary>
    public TimeSpan Cpu { get; init; }

    public override string ToString() =>
        $"peak working set {PeakWorkingSetMiB:F0} MiB (+{WorkingSetMiB:F0} over {BaselineWorkingSetBytes / MiB:F0}), GC heap +{HeapMiB:F0} MiB (from {BaselineHeapBytes / MiB:F0}); "
        + (PeakLiveBytes is { } live ? $"live heap after full GC: peak {live / MiB:F0} MiB ({LiveProbes} probes), " : "")
        + $"{LiveAfterBytes / MiB:F0} MiB after the run; CPU {Cpu.TotalSeconds:F0} s; {Samples} samples";
}
