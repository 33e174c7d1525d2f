using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// A Bulk Read in flight survives a restart (docs/zoho §6.1 "Resuming a read"): the next pull follows the same Zoho job
/// (no second job, no 50 more credits), skips the rows already applied, goes on by <c>page_token</c> without fetching a
/// finished page again, and replaces a job whose result expired or that failed — saying so in the run's note.
/// </summary>
public sealed class BulkReadResumeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_while_the_read_job_is_in_progress_follows_the_same_job_and_every_lead_lands_once()
    {
        await using var restart = new BulkReadRestart();
        string jobId;
        List<SandboxLead> seeded;
        await using (var first = restart.Host(f => f.With("Sandbox:Bulk:StepMilliseconds", "1500")))
        {
            seeded = await first.ZohoSeedAsync(300, "InFlight", DateTimeOffset.UtcNow.AddHours(-1));
            await first.Sync.PullNowAsync(cancellationToken: Token);
            var read = await Eventually.ReadAsync(() => BulkReadRestart.ReadAsync(first), r => r?.ZohoState == "IN PROGRESS", "the read job is IN PROGRESS");
            jobId = read!.ZohoJobId;
        } // the application stops while Zoho runs the job

        await using var second = restart.Host();
        var run = await second.PullAsync();

        Assert.Null(run.Error);
        Assert.Contains($"Resumed the Bulk Read of an earlier pull: Zoho job {jobId}", run.Note, StringComparison.Ordinal);
        var job = Assert.Single(second.ZohoBulkJobs(), j => j.IsRead); // no second job
        Assert.Equal(jobId, SandboxJson.Id(job.Id));
        Assert.InRange(run.Credits, 0, 5); // the deleted-records list; no job
        Assert.InRange((await second.RunsAsync()).Sum(r => r.Credits), 50, 56); // one job in all: 50 credits, plus the first page and the count
        var leads = await second.QueryAsync(db => db.Leads.AsNoTracking().Select(l => l.ZohoId).ToListAsync(Token));
        Assert.Equal(300, leads.Count);
        Assert.Equal(300, leads.Distinct().Count());
        Assert.Equal(300, run.Created);
        var done = await BulkReadRestart.ReadAsync(second, BulkReadJobState.Done);
        Assert.Equal((jobId, 300, 1), (done!.ZohoJobId, done.RowsApplied, done.Jobs));
        Assert.Equal(seeded.Max(l => l.ModifiedTime), (await BulkReadRestart.WatermarkAsync(second))!.Value);
    }

    [Fact]
    public async Task A_restart_after_page_1_of_2_resumes_page_2_by_page_token_without_downloading_page_1_again() =>
        await PageTwoResumesAsync(f => f);

    /// <summary>The page-token resume on any database (<paramref name="database"/> adds PostgreSQL).</summary>
    internal static async Task PageTwoResumesAsync(Func<LeadSyncAppFactory, LeadSyncAppFactory> database)
    {
        await using var restart = new BulkReadRestart();
        Func<LeadSyncAppFactory, LeadSyncAppFactory> pages = f => database(f.With("Sandbox:Bulk:ReadPageSize", "500"));
        await using (var first = restart.Host(pages, gate: true))
        {
            await first.ZohoSeedAsync(1000, "Paged", DateTimeOffset.UtcNow.AddHours(-1));
            await first.Sync.PullNowAsync(cancellationToken: Token);
            await restart.Gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60), Token); // page 1 (500 rows, one job) applied, the pull held
        }

        await using var second = restart.Host(pages);
        var stored = await BulkReadRestart.ReadAsync(second);
        Assert.Equal((1, 500, 500), (stored!.Page, stored.RowsApplied, await second.QueryAsync(db => db.Leads.CountAsync(Token))));

        var run = await second.PullAsync();

        Assert.Null(run.Error);
        Assert.Equal((500, 0), (run.Created, run.Unchanged)); // page 1's rows are not applied again
        var jobs = second.ZohoBulkJobs().Where(j => j.IsRead).ToList();
        Assert.Equal(2, jobs.Count); // page 1's job and page 2's: no third
        Assert.Equal([1, 1], jobs.Select(j => j.Downloads)); // page 1 was not downloaded again
        Assert.NotNull(jobs[1].Read!.AfterId); // page 2 asked with page 1's page_token
        Assert.InRange(run.Credits, 50, 55);
        var done = await BulkReadRestart.ReadAsync(second, BulkReadJobState.Done);
        Assert.Equal((2, 2, SandboxJson.Id(jobs[1].Id)), (done!.Page, done.Jobs, done.ZohoJobId));
        Assert.NotNull(done.PageToken);
        var leads = await second.QueryAsync(db => db.Leads.AsNoTracking().Select(l => l.ZohoId).ToListAsync(Token));
        Assert.Equal(1000, leads.Distinct().Count());
        Assert.Equal(1000, leads.Count);
    }

    [Fact]
    public async Task An_expired_result_is_replaced_by_a_new_job_and_the_run_says_why()
    {
        await using var restart = new BulkReadRestart();
        await using (var first = restart.Host(gate: true))
        {
            await first.ZohoSeedAsync(1000, "Expired", DateTimeOffset.UtcNow.AddHours(-1));
            await first.Sync.PullNowAsync(cancellationToken: Token);
            await restart.Gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60), Token); // 500 of the job's 1,000 rows applied
        }

        await using var second = restart.Host();
        var stored = (await BulkReadRestart.ReadAsync(second))!;
        Assert.True(second.Sandbox.ExpireReadResult(long.Parse(stored.ZohoJobId, System.Globalization.CultureInfo.InvariantCulture))); // a day later

        var run = await second.PullAsync();

        Assert.Null(run.Error);
        Assert.Contains($"The result of Zoho's Bulk Read job {stored.ZohoJobId}, left by an earlier pull, can no longer be downloaded (RESOURCE_NOT_FOUND", run.Note, StringComparison.Ordinal);
        Assert.StartsWith($"Resumed the Bulk Read of an earlier pull: Zoho job {stored.ZohoJobId} (page 1), 500 rows", run.Note, StringComparison.Ordinal);
        Assert.EndsWith("a new job reads the records again.", run.Note, StringComparison.Ordinal);
        Assert.Equal(2, second.ZohoBulkJobs().Count(j => j.IsRead));
        Assert.Equal((500, 500), (run.Created, run.Unchanged)); // the new job reads all 1,000: the 500 applied change nothing
        Assert.Equal(500, await second.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.RunId == run.Id, Token))); // history only for the new leads
        Assert.Equal(1000, await second.QueryAsync(db => db.Leads.Select(l => l.ZohoId).Distinct().CountAsync(Token)));
        var done = await BulkReadRestart.ReadAsync(second, BulkReadJobState.Done);
        Assert.NotEqual(stored.ZohoJobId, done!.ZohoJobId);
    }

    [Fact]
    public async Task A_failed_job_left_by_an_earlier_pull_is_replaced_by_a_new_job_and_the_run_says_why()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => BulkReadPullTests.Bulk(f, 100));
        await app.ZohoSeedAsync(300, "Failed", DateTimeOffset.UtcNow.AddHours(-1));
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 1 });
        var failed = await app.PullAsync();
        Assert.Contains("ended in state FAILED", failed.Error, StringComparison.Ordinal);
        var stored = (await BulkReadRestart.ReadAsync(app))!; // left for the next pull
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 0 });

        var run = await app.PullAsync();

        Assert.Null(run.Error);
        Assert.Contains($"Zoho's Bulk Read job {stored.ZohoJobId} left by an earlier pull ended in state FAILED: a new job reads the records again.", run.Note, StringComparison.Ordinal);
        Assert.Equal(300, run.Created);
        Assert.Equal(2, app.ZohoBulkJobs().Count(j => j.IsRead));
        Assert.Null(await BulkReadRestart.ReadAsync(app)); // nothing left to resume
    }

    [Fact]
    public async Task A_full_resync_replaces_an_unfinished_incremental_read_and_says_so()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => BulkReadPullTests.Bulk(f, 100));
        await app.ZohoSeedAsync(50, "Old", DateTimeOffset.UtcNow.AddHours(-2));
        await app.PullAsync(); // the watermark is set: the next pull is incremental
        await app.ZohoSeedAsync(300, "New", DateTimeOffset.UtcNow);
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 1 });
        Assert.NotNull((await app.PullAsync()).Error); // an incremental read left unfinished
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 0 });

        var run = await app.WaitForRunAsync(await app.Sync.StartInitialSyncAsync(Token));

        Assert.Null(run.Error);
        Assert.Contains("this pull reads every record, so a new job replaces it", run.Note, StringComparison.Ordinal);
        Assert.Equal(350, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
        Assert.Null(await BulkReadRestart.ReadAsync(app));
    }
}

/// <summary>The same app stopped and started again on one data folder (SQLite file, or PostgreSQL, and the sandbox's files).</summary>
internal sealed class BulkReadRestart : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bulkread-resume-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Holds a pull on its first applied page until the application stops (hosts started with <c>gate</c>).</summary>
    public BulkReadPageGate Gate { get; } = new();

    public LeadSyncAppFactory Host(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null, bool gate = false) =>
        LeadSyncAppFactory.StartForSync(f =>
        {
            f = BulkReadPullTests.Bulk(f, 100).UseDataFolder(folder);
            f = configure is null ? f : configure(f);
            return gate ? f.WithServices(s => s.AddSingleton<ISyncEventRelay>(sp => Gate.Bind(sp.GetRequiredService<IHostApplicationLifetime>()))) : f;
        });

    /// <summary>The stored read in <paramref name="state"/> (default: the one a pull would resume), if any.</summary>
    public static Task<BulkReadJob?> ReadAsync(LeadSyncAppFactory app, BulkReadJobState state = BulkReadJobState.Reading) =>
        app.QueryAsync(db => db.Set<BulkReadJob>().AsNoTracking().Where(j => j.State == state).OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(Token));

    public static Task<DateTimeOffset?> WatermarkAsync(LeadSyncAppFactory app) =>
        app.QueryAsync(db => db.Set<SyncWatermark>().AsNoTracking().Where(w => w.Name == SyncWatermark.Leads).Select(w => w.Value).SingleOrDefaultAsync(Token));

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Holds the pull on its first applied page (the page's LeadsChanged, after its save) until the application stops.</summary>
internal sealed class BulkReadPageGate : ISyncEventRelay
{
    private IHostApplicationLifetime? lifetime;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BulkReadPageGate Bind(IHostApplicationLifetime host)
    {
        lifetime = host;
        return this;
    }

    public void Forward(SyncEvent syncEvent)
    {
        if (syncEvent is LeadsChanged { RunId: not null } && Reached.TrySetResult())
        {
            lifetime!.ApplicationStopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
        }
    }
}
