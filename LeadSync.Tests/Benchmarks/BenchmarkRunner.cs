using System.Diagnostics;
using System.Globalization;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// A tiny benchmark harness for xunit tests marked <c>[Trait("Category", "Benchmark")]</c>: warm-up runs, then timed
/// runs, reporting median, p95, min and max. Each result is appended as a tab-separated row to the file named by
/// <c>LEADSYNC_BENCH_RESULTS</c> (default <c>benchmark-results.tsv</c> in the test output directory); <c>./bench.sh</c>
/// prints those rows as a Markdown table.
/// </summary>
public static class BenchmarkRunner
{
    public const string ResultsVariable = "LEADSYNC_BENCH_RESULTS";

    /// <summary>The columns of the results file, in order (its first line when it is created).</summary>
    public const string Header = "utc\tbenchmark\tvariant\truns\tmedian_ms\tp95_ms\tmin_ms\tmax_ms\tnote";

    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public static string ResultsPath =>
        Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "benchmark-results.tsv");

    /// <summary>Runs <paramref name="operation"/> <paramref name="warmups"/> times untimed, then <paramref name="runs"/> times timed.</summary>
    public static async Task<BenchmarkResult> RunAsync(
        string benchmark, string variant, Func<CancellationToken, Task> operation, int warmups = 5, int runs = 30, string note = "",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        for (var i = 0; i < warmups; i++)
        {
            await operation(cancellationToken);
        }

        var timings = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(cancellationToken);
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(timings);
        var result = new BenchmarkResult(benchmark, variant, runs, Median(timings), Percentile(timings, 0.95), timings[0], timings[^1], note);
        await AppendAsync(result, cancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        return result;
    }

    /// <summary>Appends a result measured by the caller (one-shot workloads such as a 10,000-lead push).</summary>
    public static async Task RecordAsync(BenchmarkResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await AppendAsync(result, cancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
    }

    /// <summary>
    /// Lets the process settle before a one-shot measurement, as a server between bursts would: waits until the JIT has
    /// stopped recompiling (tiered compilation promotes hot methods in the background, on this 2-core machine for up to
    /// seconds after a burst, competing with the work being timed), then collects the garbage the set-up left behind.
    /// Gives up waiting after <paramref name="limit"/> (default 30 s): false then, so the result can say so.
    /// </summary>
    public static async Task<bool> SettleAsync(TimeSpan? limit = null, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((limit ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        var quiet = 0;
        var last = System.Runtime.JitInfo.GetCompilationTime();
        while (quiet < 3 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(200, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return quiet >= 3;
    }

    /// <summary>Writes a profile's text to the test's output and beside the results file (passing tests' output is not shown).</summary>
    public static async Task WriteProfileAsync(string text, CancellationToken cancellationToken)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        await File.AppendAllTextAsync(ResultsPath + ".profile.txt", text + Environment.NewLine, cancellationToken);
    }

    /// <summary>"server GC" or "workstation GC": the figures differ, and LeadSync.Web runs with server GC.</summary>
    public static string GcMode => System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC";

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task AppendAsync(BenchmarkResult result, CancellationToken cancellationToken)
    {
        static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
        static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

        var path = ResultsPath;
        var row = string.Join('\t',
            DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Clean(result.Benchmark), Clean(result.Variant),
            result.Runs.ToString(CultureInfo.InvariantCulture), Ms(result.MedianMs), Ms(result.P95Ms), Ms(result.MinMs), Ms(result.MaxMs), Clean(result.Note));
        await FileLock.WaitAsync(cancellationToken);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var text = (File.Exists(path) && new FileInfo(path).Length > 0 ? string.Empty : Header + "\n") + row + "\n";
            await File.AppendAllTextAsync(path, text, cancellationToken);
        }
        finally
        {
            FileLock.Release();
        }
    }
}
