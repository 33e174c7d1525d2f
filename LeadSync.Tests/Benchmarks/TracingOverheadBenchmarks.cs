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
/// latency), with <c>Observability:Tracing</c> on (an exporter attached, in memory, so every span is built and handed
/// over) and off. Bar: throughput with tracing ≥ 95% of without. Trace listeners are process-wide, so each variant has
/// its own app; the apps alternate (on, off, on, off) so drift in the machine's load falls on both, and each has one
/// unmeasured round and three measured. The medians of the pooled rounds are compared.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class TracingOverheadBenchmarks
{
    private const int N = 10_000;
    private const int Rounds = 3;
    private const int Pairs = 3;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_throughput_with_tracing_is_at_least_95_percent_of_without()
    {
        var on = new List<double>();
        var off = new List<double>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            var spans = new List<Activity>();
            on.AddRange(await MeasureAsync(tracing: true, spans));
            Assert.NotEmpty(spans); // tracing really was on: the runs' spans reached the exporter
            off.AddRange(await MeasureAsync(tracing: false, null));
        }

        var ratio = Median(off) / Median(on); // throughput on / throughput off
        foreach (var (variant, ms) in new[] { ("tracing on (in-memory exporter)", on), ("tracing off", off) })
        {
            ms.Sort();
            await BenchmarkRunner.RecordAsync(new BenchmarkResult($"Push {N:N0} new leads", $"SQLite, {variant}", ms.Count, Median(ms), ms[^1], ms[0], ms[^1],
                $"{N / (Median(ms) / 1000):F0} leads/s (median); on/off {ratio:P1}; bar 95% {(ratio >= 0.95 ? "met" : "missed")}; {BenchmarkRunner.GcMode}"), Token);
        }
    }

    private static double Median(List<double> ms) => ms.Order().ElementAt(ms.Count / 2);

    /// <summary>The measured rounds of one app with tracing on or off (milliseconds per drain).</summary>
    private static async Task<List<double>> MeasureAsync(bool tracing, List<Activity>? spans)
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
        for (var round = -1; round < Rounds; round++)
        {
            await app.ImportAsync(N, string.Create(CultureInfo.InvariantCulture, $"Traced{round + 1}"), nudge: false);
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

        return ms;
    }
}
