using System.Diagnostics;
using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Issue 17's bar for a first load through Bulk Write (docs/zoho §6.2), over real HTTP against the sandbox, on each database: an
/// initial export of N new leads (<c>LEADSYNC_BULK_N</c>, default 100,000; 1,000,000 for the issue's bar) from
/// <see cref="Core.Sync.SyncService.StartInitialExportAsync"/> to every lead Synced. Bars, scaled from the issue's 1,000,000:
/// credits ≤ 500 per 25,000 rows (20,000 for a million), CRM API write calls (jobs created plus any record-API writes)
/// ≤ jobs + 5 (45 for a million; file-host uploads are counted apart), the app process's peak working set ≤ 1 GiB;
/// reported: wall time, rows/s, uploads, polls and downloads. The sandbox runs in a process of its own
/// (<see cref="SandboxProcess"/>), so the test process's memory is the app's, not Zoho's store of a million leads.
/// </summary>
public abstract class BulkWriteBenchmarks
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract string Provider { get; }

    /// <summary>Points the app at a fresh database of the lane's kind; returns what removes it once the app has stopped.</summary>
    protected abstract Task<Func<Task>> UseDatabaseAsync(LeadSyncAppFactory app);

    [Fact]
    public async Task Initial_export_of_new_leads_through_bulk_write()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("LEADSYNC_BULK_N"), CultureInfo.InvariantCulture, out var v) ? v : 100_000;
        await using var sandbox = await SandboxProcess.StartAsync(
            new Dictionary<string, string> { ["Sandbox:Bulk:StepMilliseconds"] = "50" }, Token);
        var app = new CountingApp();
        var removeDatabase = await UseDatabaseAsync(app);
        try
        {
            await ExportAsync(n, sandbox, app);
        }
        finally
        {
            await app.DisposeAsync();
            await removeDatabase();
        }
    }

    private async Task ExportAsync(int n, SandboxProcess sandbox, CountingApp app)
    {
        var jobs = (n + 24_999) / 25_000;
        sandbox.UseFor(app).WithFastSync().With("Sync:BulkWritePollInterval", "00:00:00.500").With("Sync:SweepInterval", "01:00:00")
            .With("Logging:LogLevel:Default", "Warning").WithLogCapture(Microsoft.Extensions.Logging.LogLevel.Warning);
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Token);
        await BulkLeadLoader.LoadNewAsync(app.Contexts, n, Token); // one prepared INSERT: an EF import of a million would dwarf the run
        await BenchmarkRunner.SettleAsync(cancellationToken: Token);

        await using var memory = MemorySampler.Start(MemorySampler.LiveProbeInterval);
        var started = Stopwatch.GetTimestamp();
        var runId = await app.Sync.StartInitialExportAsync(cancellationToken: Token);
        var run = await app.Sync.WaitForRunAsync(runId, TimeSpan.FromHours(3), Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var growth = await memory.StopAsync();

        Assert.Null(run.Error);
        Assert.Equal(n, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced, Token)));
        Assert.Equal(jobs, await app.QueryAsync(db => db.Set<BulkWriteJob>().CountAsync(j => j.State == BulkWriteJobState.Done, Token)));
        var counter = app.Counter;
        var created = counter.Count("POST", "/crm/bulk/v8/write");
        var uploads = counter.Count("POST", "/crm/v8/upload");
        var recordWrites = counter.Count("POST", "/Leads/upsert") + counter.Count("PUT", "/Leads") + counter.Count("POST", "/Leads");
        var note = $"N={n:N0}; {n / elapsed.TotalSeconds:N0} rows/s ({n / growth.Cpu.TotalSeconds:N0} per app CPU-second); credits {counter.Credits:N0} (bar {jobs * 500:N0}); CRM API write calls: {created} jobs created" +
            $" + {recordWrites} record writes (bar {jobs + 5}); file-host uploads {uploads}; polls {counter.Count("GET", "/crm/bulk/v8/write/{id}")}, downloads {counter.Count("GET", "/result")};" +
            $" app process: {growth} (bar: peak working set 1 GiB); sandbox process (separate) peak RSS {sandbox.PeakResidentBytes / 1048576.0:F0} MiB";
        var ms = elapsed.TotalMilliseconds;
        await BenchmarkRunner.RecordAsync(new BenchmarkResult($"Initial export of {n:N0} new leads by Bulk Write", $"{Provider}, {BenchmarkRunner.GcMode}", 1, ms, ms, ms, ms, note), Token);
        Assert.InRange(counter.Credits, 0, jobs * 500);
        Assert.InRange(created + recordWrites, 0, jobs + 5);
        Assert.InRange(growth.PeakWorkingSetMiB, double.MinValue, 1024);
    }

    /// <summary>The test host with a call counter on the app's Zoho client.</summary>
    private sealed class CountingApp : LeadSyncAppFactory
    {
        public BulkWriteCallCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IZohoCallObserver>(Counter));
        }
    }
}
