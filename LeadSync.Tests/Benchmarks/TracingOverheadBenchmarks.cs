using System.Diagnostics;
using System.Globalization;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// What tracing costs a push (issue 19): 10,000 new leads drained over real HTTP against the sandbox (SQLite, no
/// latency), once with <c>Observability:Tracing</c> off and once on with an exporter attached (in memory, so every span
/// is built and handed over). Bar: throughput with tracing ≥ 95% of without. Tracing on runs first, so the process's
/// JIT warm-up favours the run without tracing (the comparison errs against tracing). Each variant has its own app
/// (trace listeners are process-wide), two unmeasured rounds and five measured; the median is reported.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class TracingOverheadBenchmarks
{
    private const int N = 10_000;
    private const int Rounds = 5;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_throughput_with_tracing_is_at_least_95_percent_of_without()
    {
        var spans = new List<Activity>();
        var on = await MeasureAsync(tracing: true, spans);
        Assert.NotEmpty(spans); // tracing really was on: the runs' spans reached the exporter
        var off = await MeasureAsync(tracing: false, null);

        var ratio = (N / on.MedianMs) / (N / off.MedianMs);
        foreach (var (variant, result) in new[] { ("tracing on (in-memory exporter)", on), ("tracing off", off) })
        {
            await BenchmarkRunner.RecordAsync(new BenchmarkResult($"Push {N:N0} new leads", $"SQLite, {variant}", result.Ms.Count, result.MedianMs, result.Ms[^1], result.Ms[0], result.Ms[^1],
                $"{N / (result.MedianMs / 1000):F0} leads/s (median); on/off {ratio:P1}; bar 95% {(ratio >= 0.95 ? "met" : "missed")}; {BenchmarkRunner.GcMode}"), Token);
        }
    }

    private static async Task<(List<double> Ms, double MedianMs)> MeasureAsync(bool tracing, List<Activity>? spans)
    {
        var factory = new LeadSyncAppFactory().WithFastSync()
            .With("Observability:Tracing", tracing ? "true" : "false")
            .With("Sync:SweepInterval", "01:00:00")
            .With("Zoho:MaxConcurrency", "10")
            .With("Sandbox:DailyCredits", "100000000")
            .With("Logging:LogLevel:Default", "Warning")
            .WithLogCapture(LogLevel.Warning);
        if (spans is not null)
        {
            factory.WithServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        }

        await using var app = factory;
        app.Start();
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        var ms = new List<double>();
        for (var round = -2; round < Rounds; round++)
        {
            await app.ImportAsync(N, string.Create(CultureInfo.InvariantCulture, $"Traced{tracing}{round + 2}"), nudge: false);
            await BenchmarkRunner.SettleAsync(cancellationToken: Token);
            var started = Stopwatch.GetTimestamp();
            var runId = await app.Services.GetRequiredService<OutboxProcessor>().DrainAsync(SyncTrigger.Bulk, null, Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var run = await app.QueryAsync(db => db.Set<SyncRun>().AsNoTracking().SingleAsync(r => r.Id == runId, Token));
            Assert.Equal((N, 0), (run.Created, run.Failed));
            Assert.Equal(tracing, run.TraceId is not null);
            if (round >= 0)
            {
                ms.Add(elapsed.TotalMilliseconds);
            }
        }

        ms.Sort();
        return (ms, ms[ms.Count / 2]);
    }
}
