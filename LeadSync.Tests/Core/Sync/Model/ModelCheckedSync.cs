using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// Drives CsCheck over <see cref="ModelGen.Sequence"/>. Each of <c>threads</c> workers takes a <see cref="ModelHost"/>
/// from a pool and reuses it across sequences (reset between them; a new one after a run that never reached quiescence,
/// since work may still be in flight there). CsCheck keeps sampling after a failure and runs only smaller sequences, so
/// the one reported is the smallest failing sequence it met, printed with its trace.
/// </summary>
internal sealed class ModelCheckedSync : IAsyncDisposable
{
    private readonly ConcurrentBag<ModelHost> pool = [];
    private readonly Lock gate = new();
    private int executed;
    private int failed;
    private int restarts;
    private TimeSpan reset;
    private TimeSpan setup;
    private TimeSpan ops;
    private TimeSpan end;

    public int Executed => executed;

    public int Failed => failed;

    public TimeSpan Elapsed { get; private set; }

    /// <summary>How long each sequence took, in milliseconds (reset, setup, operations, quiescence and checks).</summary>
    public ConcurrentQueue<double> Durations { get; } = new();

    /// <summary>The failures met when sampling with <c>collect</c> (every sequence then runs; nothing is shrunk).</summary>
    public ConcurrentQueue<(ModelSequence Sequence, Exception Error)> Failures { get; } = new();

    /// <summary>
    /// Samples <paramref name="iterations"/> sequences on <paramref name="threads"/> apps at once (from
    /// <paramref name="seed"/> when given). Throws CsCheck's report (the smallest failing sequence) on a failure, or with
    /// <paramref name="collect"/> runs every sequence and gathers the failures in <see cref="Failures"/>.
    /// <paramref name="excluded"/> operation kinds are never generated.
    /// </summary>
    public async Task SampleAsync(
        long iterations, int threads, string? seed = null, Action<string>? writeLine = null, bool collect = false, IReadOnlySet<ModelOpKind>? excluded = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            Func<ModelSequence, Task> assert = collect ? CollectOneAsync : RunOneAsync;
            await ModelGen.Sequence(excluded ?? new HashSet<ModelOpKind>()).SampleAsync(assert, writeLine, seed: seed, iter: iterations, threads: threads, print: s => s.ToString());
        }
        finally
        {
            Elapsed = Stopwatch.GetElapsedTime(started);
            writeLine?.Invoke(Summary());
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{executed} sequences run ({failed} failing, {restarts} app restarts inside sequences) in {Elapsed.TotalSeconds:F1} s: {executed / Elapsed.TotalSeconds:F2} sequences/s; "
        + $"summed over workers: reset {reset.TotalSeconds:F1} s, setup {setup.TotalSeconds:F1} s, operations {ops.TotalSeconds:F1} s, quiescence {end.TotalSeconds:F1} s");

    private async Task CollectOneAsync(ModelSequence sequence)
    {
        try
        {
            await RunOneAsync(sequence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failures.Enqueue((sequence, ex));
        }
    }

    private async Task RunOneAsync(ModelSequence sequence)
    {
        Interlocked.Increment(ref executed);
        if (!pool.TryTake(out var host))
        {
            host = await ModelHost.StartAsync();
        }

        var started = Stopwatch.GetTimestamp();
        await host.ResetAsync(sequence.Policy);
        var resetTime = Stopwatch.GetElapsedTime(started);
        var before = host.Restarts;
        var runner = new ModelRunner(host, sequence);
        var healthy = true;
        try
        {
            await runner.RunAsync();
        }
        catch
        {
            Interlocked.Increment(ref failed);
            healthy = runner.Quiescent;
            throw;
        }
        finally
        {
            Durations.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            lock (gate)
            {
                restarts += host.Restarts - before;
                reset += resetTime;
                setup += runner.Timings.Setup;
                ops += runner.Timings.Ops;
                end += runner.Timings.End;
            }

            if (healthy)
            {
                pool.Add(host);
            }
            else
            {
                await host.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (pool.TryTake(out var host))
        {
            await host.DisposeAsync();
        }
    }
}
