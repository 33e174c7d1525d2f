using System.Globalization;
using LeadSync.Tests.Core.Sync.Model;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The soak (<c>./bench.sh soak</c>): 10,000 sequences of the model-checked sync test (<see cref="ModelCheckedSync"/>)
/// on two apps, every sequence run (failures are gathered, not shrunk), reporting sequences per second and the time of
/// one sequence (reset, setup, operations, quiescence, checks). Fails at the end when any sequence broke an invariant,
/// printing the shortest failing ones. <c>LEADSYNC_SOAK_SEQUENCES</c> changes the count.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SyncSoakBenchmarks
{
    private const int Sequences = 10_000;
    private const int Threads = 2;

    [Fact]
    public async Task Soak_10000_model_checked_sync_sequences()
    {
        var count = Environment.GetEnvironmentVariable("LEADSYNC_SOAK_SEQUENCES") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : Sequences;
        var output = TestContext.Current.TestOutputHelper;
        await using var check = new ModelCheckedSync();

        await check.SampleAsync(count, Threads, writeLine: line => output?.WriteLine(line), collect: true);

        var ms = check.Durations.Order().ToArray();
        var rate = check.Executed / check.Elapsed.TotalSeconds;
        await BenchmarkRunner.RecordAsync(new BenchmarkResult(
            "Model-checked sync soak (one sequence)", $"SQLite, {Threads} apps", ms.Length, ms[ms.Length / 2], ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(0.95 * ms.Length) - 1)],
            ms[0], ms[^1],
            string.Create(CultureInfo.InvariantCulture,
                $"{rate:F2} sequences/s; {check.Executed:N0} sequences in {check.Elapsed.TotalMinutes:F1} min; {check.Failures.Count} failing; {BenchmarkRunner.GcMode}")),
            TestContext.Current.CancellationToken);

        var shortest = check.Failures.OrderBy(f => f.Sequence.Ops.Count).Take(3).ToList();
        foreach (var (sequence, error) in shortest)
        {
            output?.WriteLine($"FAILED: {sequence}\n{error.Message}\n");
        }

        Assert.True(shortest.Count == 0,
            $"{check.Failures.Count} of {check.Executed} sequences broke an invariant; the shortest:\n{(shortest.Count > 0 ? shortest[0].Error.Message : "")}");
    }
}
