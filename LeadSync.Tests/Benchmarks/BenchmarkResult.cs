namespace LeadSync.Tests.Benchmarks;

/// <summary>The timings of one benchmark case, in milliseconds.</summary>
public sealed record BenchmarkResult(string Benchmark, string Variant, int Runs, double MedianMs, double P95Ms, double MinMs, double MaxMs, string Note)
{
    public override string ToString() =>
        $"{Benchmark} [{Variant}]: median {MedianMs:F2} ms, p95 {P95Ms:F2} ms, min {MinMs:F2} ms, max {MaxMs:F2} ms over {Runs} runs ({Note})";
}
