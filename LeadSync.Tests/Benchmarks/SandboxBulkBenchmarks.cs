using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using LeadSync.Tests.Infrastructure;
using LeadSync.Tests.Web.Sandbox;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// The sandbox's Bulk APIs at Zoho's full sizes (docs/zoho §6): one Bulk Read page of 200,000 leads (and of 50,000, to
/// compare memory) and one Bulk Write file of 25,000 rows, timed from job creation to the downloaded result, with the
/// app's memory growth beside it (the read result is streamed into its ZIP, so the heap should not grow with the file).
/// Figures only, no bar: the bars of issue 17 belong to the engine's benchmarks, which run against this sandbox.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SerialBenchmarks.Name)]
public sealed class SandboxBulkBenchmarks
{
    private const int WriteRows = 25_000;
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Two sizes, so the memory columns show whether the job's memory grows with its file (it should not).</summary>
    [Theory]
    [InlineData(50_000)]
    [InlineData(200_000)]
    public async Task Bulk_read_of_one_lead_page(int leads)
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var sandbox = new SandboxHttp(app);
        await app.ZohoSeedAsync(leads, "Bulk", DateTimeOffset.UtcNow.AddDays(-1), perSecond: 1000);
        var body = SandboxBulkReadTests.Query(null, "First_Name", "Last_Name", "Email", "Company", "Modified_Time");

        await using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        var (jobId, _) = await SandboxBulkReadTests.CreateAsync(sandbox, body);
        var (final, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}", JobLimit);
        var (zipBytes, csvBytes, rows) = await DownloadAsync(sandbox, $"crm/bulk/v8/read/{jobId}/result");
        var elapsed = Stopwatch.GetElapsedTime(started);
        var growth = await memory.StopAsync();

        await RecordAsync("Sandbox Bulk Read, one page", leads, elapsed,
            $"{rows:N0} rows, CSV {csvBytes / 1048576.0:F1} MiB in a {zipBytes / 1048576.0:F1} MiB ZIP; app heap growth {growth.HeapMiB:F1} MiB, "
            + $"working set growth {growth.WorkingSetMiB:F1} MiB; {BenchmarkRunner.GcMode}");
        Assert.Equal(leads, final["result"]!["count"]!.GetValue<int>());
        Assert.Equal(leads, rows);
    }

    [Fact]
    public async Task Bulk_write_of_one_25000_row_file()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var sandbox = new SandboxHttp(app);
        var csv = new StringBuilder("Email,Last_Name,First_Name,Company\n");
        for (var i = 0; i < WriteRows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"bulk.{i}@example.com,Row {i},Bench,\"Bulk, Inc\"\n");
        }

        await using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        var fileId = await SandboxBulkHttp.UploadCsvAsync(sandbox, csv.ToString());
        var jobId = await SandboxBulkHttp.CreateWriteJobAsync(sandbox, SandboxBulkHttp.WriteJob(fileId, "upsert", "Email"));
        var (final, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/write/{jobId}", JobLimit);
        var (zipBytes, _, rows) = await DownloadAsync(sandbox, SandboxBulkWriteTests.DownloadPath(final));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var growth = await memory.StopAsync();

        await RecordAsync("Sandbox Bulk Write, one upsert file", WriteRows, elapsed,
            $"upload + job + result ({zipBytes / 1048576.0:F1} MiB ZIP); app heap growth {growth.HeapMiB:F1} MiB, "
            + $"working set growth {growth.WorkingSetMiB:F1} MiB; {BenchmarkRunner.GcMode}");
        Assert.Equal(WriteRows, final["resource"]![0]!["file"]!["added_count"]!.GetValue<int>());
        Assert.Equal(WriteRows, rows);
    }

    private static Task RecordAsync(string benchmark, int records, TimeSpan elapsed, string note)
    {
        var ms = elapsed.TotalMilliseconds;
        return BenchmarkRunner.RecordAsync(new BenchmarkResult(
            benchmark, $"{records:N0} records", 1, ms, ms, ms, ms, $"{records / elapsed.TotalSeconds:N0} records/s; {note}"), Token);
    }

    /// <summary>Downloads a result ZIP and counts its CSV's bytes and data rows without keeping them.</summary>
    private static async Task<(long ZipBytes, long CsvBytes, int Rows)> DownloadAsync(SandboxHttp sandbox, string path)
    {
        using var response = await sandbox.SendAsync(HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        var zipFile = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(zipFile))
            {
                await response.Content.CopyToAsync(file, Token);
            }

            using var zip = ZipFile.OpenRead(zipFile);
            using var reader = new StreamReader(zip.Entries.Single().Open());
            using var csv = CsvHelper.CsvReader.Create(reader, CsvHelper.CsvReaderOptions.Default, false);
            var rows = 0;
            while (csv.Read())
            {
                rows++;
            }

            return (new FileInfo(zipFile).Length, zip.Entries.Single().Length, rows);
        }
        finally
        {
            File.Delete(zipFile);
        }
    }
}
