using System.Globalization;
using Npgsql;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// What else the machine was doing while a benchmark ran, for its note: the background load <c>./bench.sh</c> started
/// (<c>LEADSYNC_BENCH_BURN</c>: that many single-thread CPU burners, each in a session of its own) and the load average;
/// and, for a server database, the CPU its backends spent (<see cref="ServerCpuAsync"/>), which the test process's own
/// CPU time does not include.
/// </summary>
public static class MachineLoad
{
    public const string BurnVariable = "LEADSYNC_BENCH_BURN";

    /// <summary>The number of CPU burners <c>./bench.sh</c> runs beside the benchmark (0 when none).</summary>
    public static int Burners =>
        int.TryParse(Environment.GetEnvironmentVariable(BurnVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The one-minute load average (null where there is no <c>/proc/loadavg</c>).</summary>
    public static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? double.Parse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>"N burners, load A → B" for a note.</summary>
    public static string Describe(double? loadBefore, double? loadAfter) =>
        $"{Burners} burners ({BurnVariable}), load {Format(loadBefore)} → {Format(loadAfter)}";

    /// <summary>
    /// The CPU time (user + system) the PostgreSQL backends serving <paramref name="connectionString"/>'s database have
    /// used so far, from <c>/proc/&lt;pid&gt;/stat</c> (the server must run on this machine). Subtract two readings:
    /// a pooled backend lives across rounds, and one that ended between them is missed (its CPU is not counted).
    /// </summary>
    public static async Task<Dictionary<int, TimeSpan>> ServerCpuAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        var result = new Dictionary<int, TimeSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var pid = reader.GetInt32(0);
            if (ProcessCpu(pid) is { } cpu)
            {
                result[pid] = cpu;
            }
        }

        return result;
    }

    /// <summary>The CPU the backends present in both readings used between them.</summary>
    public static TimeSpan Between(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var total = TimeSpan.Zero;
        foreach (var (pid, cpu) in after)
        {
            total += cpu - before.GetValueOrDefault(pid);
        }

        return total;
    }

    private static TimeSpan? ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name, in clock ticks (100 a second).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Format(double? load) => load?.ToString("F1", CultureInfo.InvariantCulture) ?? "?";
}
