using System.Diagnostics;
using System.Text;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Core.Outbox;
using LeadSync.Tests.Core.Leads.Transfer.Import;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 16's bar for the CSV import: 100,000 rows on SQLite, from the upload (the file read and checked, the job stored)
/// to "all stored and queued" (every lead and its outbox entry committed, the job Completed) in ≤ 60 s, with the
/// process's memory growing by ≤ 500 MiB. Memory is sampled every 20 ms (working set and GC heap) while the job runs.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class ImportBenchmarks
{
    private const int Rows = 100_000;
    private const double BarSeconds = 60;
    private const double BarMiB = 500;

    [Fact]
    public async Task Import_100k_rows_on_sqlite()
    {
        var token = TestContext.Current.CancellationToken;
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        var content = File(Rows);
        var harness = new ImportHarness(database.Contexts, "import-bench");
        await BenchmarkRunner.SettleAsync(cancellationToken: token);

        using var sampler = new MemorySampler();
        var started = Stopwatch.GetTimestamp();
        var id = await harness.Jobs.StartAsync(new ImportRequest(content, "bench.csv", ImportMappingGuess.Guess(ImportCsvReader.ReadHeader(content)), ExistingEmailPolicy.Fail, "bench"), token);
        await harness.IdleAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (workingSetMiB, heapMiB) = sampler.Stop();

        var job = (await harness.Jobs.GetAsync(id, token))!;
        Assert.Equal((ImportJobState.Completed, Rows, 0), (job.State, job.Created, job.Refused));
        await using (var db = await database.Contexts.CreateDbContextAsync(token))
        {
            Assert.Equal(Rows, await db.Set<OutboxEntry>().CountAsync(e => e.Trigger == ChangeSource.Import, token));
        }

        var ms = elapsed.TotalMilliseconds;
        await BenchmarkRunner.RecordAsync(new BenchmarkResult($"CSV import {Rows:N0} rows to stored and queued", $"Sqlite, {BenchmarkRunner.GcMode}", 1, ms, ms, ms, ms,
            $"{content.Length / 1024.0 / 1024.0:F1} MiB file; peak growth: working set +{workingSetMiB:F0} MiB, GC heap +{heapMiB:F0} MiB; bars {BarSeconds} s, {BarMiB} MiB"), token);
        Assert.InRange(elapsed.TotalSeconds, 0, BarSeconds);
        Assert.InRange(workingSetMiB, double.MinValue, BarMiB);
    }

    private static byte[] File(int rows)
    {
        var text = new StringBuilder("First name,Last name,Email,Phone,Status,Company\r\n", rows * 90);
        for (var i = 0; i < rows; i++)
        {
            text.Append("Ada").Append(i % 97).Append(",Lovelace ").Append(i).Append(",bench.").Append(i).Append("@example.com,+44 20 7946 ")
                .Append((i % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(",Not Contacted,\"Engines ").Append(i % 500).Append(", Ltd\"\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Samples the process's working set and GC heap on a timer; reports the peak growth over the start, in MiB.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly long startWorkingSet = Environment.WorkingSet;
        private readonly long startHeap = GC.GetTotalMemory(forceFullCollection: false);
        private readonly Timer timer;
        private long peakWorkingSet;
        private long peakHeap;

        public MemorySampler()
        {
            peakWorkingSet = startWorkingSet;
            peakHeap = startHeap;
            timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
        }

        public (double WorkingSetMiB, double HeapMiB) Stop()
        {
            timer.Dispose();
            Sample();
            return ((Interlocked.Read(ref peakWorkingSet) - startWorkingSet) / 1048576.0, (Interlocked.Read(ref peakHeap) - startHeap) / 1048576.0);
        }

        public void Dispose() => timer.Dispose();

        private void Sample()
        {
            Max(ref peakWorkingSet, Environment.WorkingSet);
            Max(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        }

        private static void Max(ref long peak, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
            {
            }
        }
    }
}
