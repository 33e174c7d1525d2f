namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Opens and closes a <c>perf record</c> window around the measured part of a benchmark round, so a profile holds the
/// measured rounds and nothing else (not the warm-up, not the import that sets a round up). Off unless
/// <c>LEADSYNC_BENCH_PERF_CTL</c> names perf's control FIFO, e.g.
/// <c>mkfifo ctl ack; DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g -a -D -1 --control fifo:ctl,ack -- ./bench.sh …</c>
/// (without W^X off the JIT's code shows as unnamed addresses in <c>memfd:doublemapper</c>)
/// with <c>LEADSYNC_BENCH_PERF_CTL=ctl</c> and <c>LEADSYNC_BENCH_PERF_ACK=ack</c> exported.
/// <c>LEADSYNC_BENCH_PERF_LABEL</c> limits the window to rounds whose label contains its text (<c>20 mapped</c>), or
/// with a leading <c>!</c> to those whose label does not (<c>!mapped</c>): one lane of an alternating benchmark.
/// </summary>
internal static class PerfWindow
{
    private static readonly string? Control = Environment.GetEnvironmentVariable("LEADSYNC_BENCH_PERF_CTL");
    private static readonly string? Ack = Environment.GetEnvironmentVariable("LEADSYNC_BENCH_PERF_ACK");
    private static readonly string? Label = Environment.GetEnvironmentVariable("LEADSYNC_BENCH_PERF_LABEL");

    /// <summary>Starts sampling when <paramref name="measured"/> and the round's <paramref name="label"/> is chosen (no-op without a control FIFO).</summary>
    public static void OpenIf(bool measured, string label) => Send(measured && Chosen(label), "enable");

    /// <summary>Stops sampling when <paramref name="measured"/> and the round's <paramref name="label"/> is chosen (no-op without a control FIFO).</summary>
    public static void CloseIf(bool measured, string label) => Send(measured && Chosen(label), "disable");

    private static bool Chosen(string label) => string.IsNullOrEmpty(Label)
        || (Label[0] == '!' ? !label.Contains(Label[1..], StringComparison.Ordinal) : label.Contains(Label, StringComparison.Ordinal));

    private static void Send(bool measured, string command)
    {
        if (!measured || string.IsNullOrEmpty(Control))
        {
            return;
        }

        File.WriteAllText(Control, command + "\n");
        if (!string.IsNullOrEmpty(Ack))
        {
            using var reader = new StreamReader(Ack);
            reader.ReadLine();
        }
    }
}
