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
    /// on odd ones, so that neither lane always runs right after the other. Warm-up goes on past
    /// <see cref="WarmupRounds"/> (up to <see cref="MaxWarmupRounds"/>) while a lane's last round still spent more than
    /// <see cref="SteadyJit"/> compiling: tiered compilation promotes a path in steps over several rounds, and a lane that
    /// runs more distinct code (20 mapped fields) gets there later — with two warm-up rounds its measured rounds compiled
    /// for 40–280 ms each, on the cores the work was timed on. <paramref name="runRound"/> gets the lane, the round's
    /// number counted from 0 over warm-up and measured rounds, and whether it is measured.
    /// </summary>
    private static async Task AlternateAsync(List<Lane> lanes, Func<Lane, int, bool, Task> runRound)
    {
        var round = 0;
        for (; round < MaxWarmupRounds && (round < WarmupRounds || lanes.Any(l => l.LastJit > SteadyJit)); round++)
        {
            await RunRoundAsync(round, measured: false);
        }

        foreach (var lane in lanes)
        {
            lane.WarmupRounds = round;
        }

        for (var measured = 0; measured < Rounds; measured++, round++)
        {
            await RunRoundAsync(round, measured: true);
        }

        async Task RunRoundAsync(int number, bool measured)
        {
            foreach (var lane in (number & 1) == 0 ? lanes : Enumerable.Reverse(lanes))
            {
                await runRound(lane, number, measured);
            }
        }
    }

    /// <summary>Issue 18: with 20 mapped extra fields, at least this share (per cent) of the six-field rate of the same run.</summary>
    private const int SharedRateBar = 75;

    /// <summary>A row per lane; with two lanes, the second names its rate as a share of the first's (same minutes, alternating rounds).</summary>
    private async Task RecordLanesAsync(List<Lane> lanes, int latencyMs, double? bar, Func<Lane, string> more)
    {
        foreach (var lane in lanes)
        {
            var (first, wall, cpu) = (lanes[0], Median(lane.Rounds.Select(r => r.Elapsed.TotalMilliseconds)), Median(lane.Rounds.Select(r => r.Cpu.TotalMilliseconds)));
            var share = Median(first.Rounds.Select(r => r.Elapsed.TotalMilliseconds)) / wall * 100;
            var ratio = lane == first ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; {share:F0} % of the {first.ExtraFields + 6}-field rate (rounds alternating; CPU {Median(first.Rounds.Select(r => r.Cpu.TotalMilliseconds)) / cpu * 100:F0} %), "
                + $"issue 18's bar {SharedRateBar} % {(Math.Round(share) >= SharedRateBar ? "met" : "missed")}");
            var jit = string.Create(CultureInfo.InvariantCulture,
                $"; {lane.WarmupRounds} warm-up rounds, JIT {Median(lane.Jit.Select(j => j.TotalMilliseconds)):F0} ms per measured round (median)");
            await RecordAsync(lane.Benchmark, latencyMs, lane.Rounds, bar, lane.Unsettled, ratio + GcCounts.Describe(lane.Gcs) + jit + more(lane));
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

        /// <summary>How long the JIT compiled during the lane's last round (the runtime is steady when it hardly does).</summary>
        public TimeSpan LastJit { get; set; }

        /// <summary>The JIT time of each measured round.</summary>
        public List<TimeSpan> Jit { get; } = [];

        public int WarmupRounds { get; set; }
    }
}
