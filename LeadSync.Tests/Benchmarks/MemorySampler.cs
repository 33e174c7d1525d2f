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

    private readonly Process process = Process.GetCurrentProcess();
    private readonly PeriodicTimer timer = new(Interval);
    private readonly long baselineHeap;
    private readonly long baselineWorkingSet;
    private readonly Task sampling;
    private long peakHeap;
    private long peakWorkingSet;
    private int samples;

    private MemorySampler()
    {
        (baselineHeap, baselineWorkingSet) = Sample();
        (peakHeap, peakWorkingSet) = (baselineHeap, baselineWorkingSet);
        sampling = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Starts sampling now; the current values are the baseline. On Linux the C heap's free pages go back to the system
    /// first (<c>malloc_trim</c>): SQLite's page cache and the like, freed by earlier work (a bulk load), would otherwise
    /// stay in the working set, and a workload reusing them would show no growth where it really needs memory.
    /// </summary>
    public static MemorySampler Start()
    {
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

        return new();
    }

    /// <summary>Stops sampling (taking one last sample) and returns the peaks above the baseline.</summary>
    public async Task<MemoryGrowth> StopAsync()
    {
        timer.Dispose();
        await sampling;
        Record();
        return new MemoryGrowth(peakHeap - baselineHeap, peakWorkingSet - baselineWorkingSet, baselineHeap, baselineWorkingSet, samples);
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
        var (heap, workingSet) = Sample();
        lock (timer)
        {
            peakHeap = Math.Max(peakHeap, heap);
            peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
            samples++;
        }
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

    public override string ToString() =>
        $"peak growth: GC heap +{HeapMiB:F0} MiB (from {BaselineHeapBytes / MiB:F0}), working set +{WorkingSetMiB:F0} MiB (from {BaselineWorkingSetBytes / MiB:F0}); {Samples} samples";
}
