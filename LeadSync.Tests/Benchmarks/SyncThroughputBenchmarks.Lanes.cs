using System.Globalization;
using LeadSync.Core.Fields.Values;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Lanes: the workloads of one benchmark (one app each, e.g. six fields and 20 mapped extra fields) measured round by
/// round with their rounds alternating, so that a ratio of two rows compares the same minutes of a shared machine.
/// </summary>
public abstract partial class SyncThroughputBenchmarks
{
    /// <summary>
    /// Runs every lane's rounds, the warm-up ones first: round by round, in the given order on even rounds and reversed
    /// on odd ones, so that neither lane always runs right after the other.
    /// </summary>
    private static async Task AlternateAsync(List<Lane> lanes, Func<Lane, int, Task> runRound)
    {
        for (var round = -WarmupRounds; round < Rounds; round++)
        {
            foreach (var lane in (round & 1) == 0 ? lanes : Enumerable.Reverse(lanes))
            {
                await runRound(lane, round);
            }
        }
    }

    /// <summary>A row per lane; with two lanes, the second names its rate as a share of the first's (same minutes, alternating rounds).</summary>
    private async Task RecordLanesAsync(List<Lane> lanes, int latencyMs, double? bar, Func<Lane, string> more)
    {
        foreach (var lane in lanes)
        {
            var (first, wall, cpu) = (lanes[0], Median(lane.Rounds.Select(r => r.Elapsed.TotalMilliseconds)), Median(lane.Rounds.Select(r => r.Cpu.TotalMilliseconds)));
            var ratio = lane == first ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; {Median(first.Rounds.Select(r => r.Elapsed.TotalMilliseconds)) / wall * 100:F0} % of the {first.ExtraFields + 6}-field rate (rounds alternating; CPU {Median(first.Rounds.Select(r => r.Cpu.TotalMilliseconds)) / cpu * 100:F0} %)");
            await RecordAsync(lane.Benchmark, latencyMs, lane.Rounds, bar, lane.Unsettled, ratio + GcCounts.Describe(lane.Gcs) + more(lane));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task StopLanesAsync(List<Lane> lanes)
    {
        foreach (var lane in lanes)
        {
            await lane.App.DisposeAsync();
            await lane.Cleanup();
        }
    }

    /// <summary>One measured workload: its app, its mapped extra fields and what its rounds measured.</summary>
    private sealed class Lane(string benchmark, int extraFields, LeadSyncAppFactory app, Func<Task> cleanup)
    {
        public string Benchmark { get; } = benchmark;

        public int ExtraFields { get; } = extraFields;

        public LeadSyncAppFactory App { get; } = app;

        public Func<Task> Cleanup { get; } = cleanup;

        public (LeadFieldValues Values, Dictionary<string, string>? Zoho) Extra { get; set; } = (LeadFieldValues.Empty, null);

        public List<SandboxLead> Seeded { get; set; } = [];

        public List<(TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Calls, int Credits)> Rounds { get; } = [];

        public List<TimeSpan> ServerCpu { get; } = [];

        public List<GcCounts> Gcs { get; } = [];

        public bool Unsettled { get; set; }
    }
}
