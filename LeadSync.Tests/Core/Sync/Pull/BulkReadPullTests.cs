using System.Globalization;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Tests.Core.Conflicts;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// Pulls through Bulk Read (docs/zoho §6.1) against the sandbox: when a pull goes bulk (Sync:BulkReadThreshold, both
/// sides), that a bulk page merges exactly as a record-API page does, and that a pull stopped mid-file loses nothing
/// (more on resuming in <see cref="BulkReadResumeTests"/>).
/// </summary>
public sealed class BulkReadPullTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static LeadSyncAppFactory Bulk(LeadSyncAppFactory app, int threshold) => app
        .With("Sync:BulkReadThreshold", threshold.ToString(CultureInfo.InvariantCulture))
        .With("Sync:BulkReadPollInterval", "00:00:00.020")
        .With("Sandbox:Bulk:StepMilliseconds", "10");

    private static Task<SyncWatermark?> WatermarkAsync(LeadSyncAppFactory app, string name) =>
        app.QueryAsync(db => db.Set<SyncWatermark>().AsNoTracking().SingleOrDefaultAsync(w => w.Name == name, Token));

    [Fact]
    public async Task First_pull_of_more_than_the_threshold_reads_every_record_through_read_jobs_paged_with_page_token()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => Bulk(f, 100).With("Sandbox:Bulk:ReadPageSize", "500"));
        var seeded = await app.ZohoSeedAsync(1200, "First", DateTimeOffset.UtcNow.AddHours(-1));

        var run = await app.PullAsync();

        Assert.Null(run.Error);
        Assert.Equal(1200, run.Created);
        Assert.Equal(1200, await app.QueryAsync(db => db.Leads.CountAsync(l => l.SyncState == SyncState.Synced && l.ZohoId != null, Token)));
        // 3 read jobs of 500 (page_token after the first) at 50 credits, one record-API page and the count that chose
        // them, and the deleted-records list.
        Assert.InRange(run.Credits, 150, 156);
        Assert.Equal(seeded.Max(l => l.ModifiedTime), (await WatermarkAsync(app, SyncWatermark.Leads))!.Value);
        Assert.NotNull((await WatermarkAsync(app, SyncWatermark.LeadsReadThrough))?.Value);
        Assert.Equal(0, await app.OutboxCountAsync()); // values applied by a pull never queue a push
    }

    [Theory]
    [InlineData(250, false)]
    [InlineData(249, true)]
    public async Task A_pull_goes_bulk_only_above_the_threshold(int threshold, bool bulk)
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => Bulk(f, threshold));
        await app.ZohoSeedAsync(250, "Edge", DateTimeOffset.UtcNow.AddHours(-1));

        var run = await app.PullAsync();

        Assert.Equal(250, run.Created);
        // Record API: 2 pages, the count, the deleted list (≤ 6). Bulk: one 50-credit job on top.
        Assert.InRange(run.Credits, bulk ? 50 : 1, bulk ? 56 : 6);
    }

    [Fact]
    public async Task An_incremental_pull_of_more_changes_than_the_threshold_reads_only_the_changes_in_bulk()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => Bulk(f, 100));
        await app.ZohoSeedAsync(50, "Before", DateTimeOffset.UtcNow.AddHours(-2));
        var first = await app.PullAsync();
        Assert.InRange(first.Credits, 1, 4); // 50 records: one page, no count, no job
        await app.ZohoSeedAsync(300, "After", DateTimeOffset.UtcNow); // changed after the first pull, as Zoho stamps them

        var run = await app.PullAsync();

        Assert.Equal((300, 0, 0), (run.Created, run.Updated, run.Unchanged)); // the 50 older leads are not read again
        Assert.InRange(run.Credits, 50, 56);
        Assert.Equal(350, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_conflict_read_from_a_bulk_page_is_merged_exactly_as_from_a_record_api_page(bool bulk)
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => Bulk(f, bulk ? 1 : 10_000)
            .With("Sync:RetryBaseDelay", "00:01:00").With("Sync:RetryMaxDelay", "00:01:00").With("Zoho:MaxAttempts", "1"));
        var id = await ConflictTests.ConflictingEditsAsync(app, "bulk.conflict@example.com");
        await app.ZohoSeedAsync(2, "Filler", DateTimeOffset.UtcNow.AddHours(-1)); // three records: more than a threshold of 1

        var run = await app.PullAsync();

        Assert.Equal(bulk, run.Credits >= 50);
        Assert.Equal((1, 2), (run.Conflicts, run.Created));
        var conflict = await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token));
        Assert.Equal(("Phone", "555-0000", "555-1111", "555-2222", ConflictResolution.Zoho, ConflictPolicy.ZohoWins),
            (conflict.Field, conflict.AgreedValue, conflict.LocalValue, conflict.ZohoValue, conflict.Resolution, conflict.Policy));
        var lead = (await app.LeadAsync(id))!;
        Assert.Equal(("Local", "555-2222", "Zoho Co"), (lead.FirstName, lead.Phone, lead.Company)); // one-sided changes merge both ways
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_own_writes_read_back_in_bulk_change_nothing_as_in_a_record_api_resync(bool bulk)
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var ids = await app.ImportAsync(30, "Echo");
        foreach (var id in ids)
        {
            await app.WaitSyncedAsync(id);
        }

        var runId = bulk ? await app.Sync.StartInitialSyncAsync(Token) : await app.Sync.FullResyncAsync(cancellationToken: Token);
        var run = await app.WaitForRunAsync(runId);

        Assert.Null(run.Error);
        Assert.Equal(bulk, run.Credits >= 50);
        Assert.Equal((0, 0, 30, 0), (run.Created, run.Updated, run.Unchanged, run.Conflicts));
        Assert.Equal(0, await app.OutboxCountAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.RunId == runId, Token)));
    }

    [Fact]
    public async Task A_pull_stopped_mid_file_keeps_the_watermark_and_the_next_pull_loses_nothing()
    {
        var shared = Path.Combine(Path.GetTempPath(), "leadsync-tests", "bulkread-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(shared);
        try
        {
            LeadSyncAppFactory Host(Action<IServiceCollection>? services = null) => LeadSyncAppFactory.StartForSync(f =>
            {
                f = Bulk(f, 100).UseDataFolder(shared);
                return services is null ? f : f.WithServices(services);
            });

            var gate = new FirstPageGate();
            var first = Host(s => s.AddSingleton<ISyncEventRelay>(sp => gate.Bind(sp.GetRequiredService<IHostApplicationLifetime>())));
            var seeded = await first.ZohoSeedAsync(2000, "Stopped", DateTimeOffset.UtcNow.AddHours(-1));
            await first.Sync.PullNowAsync(cancellationToken: Token);
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60), Token); // one page of 500 committed, the pull held
            await first.DisposeAsync(); // the application stops mid-file

            await using var second = Host();
            Assert.Equal(BulkPageSize, await second.QueryAsync(db => db.Leads.CountAsync(Token)));
            Assert.Null((await WatermarkAsync(second, SyncWatermark.Leads))?.Value); // not moved past what one page applied

            var run = await second.PullAsync();

            Assert.Null(run.Error);
            var leads = await second.QueryAsync(db => db.Leads.AsNoTracking().ToListAsync(Token));
            Assert.Equal(2000, leads.Count);
            Assert.Equal(2000, leads.Select(l => l.ZohoId).Distinct().Count());
            Assert.Equal((1500, 0), (run.Created, run.Unchanged)); // the same job resumed after the committed page (§6.1)
            var job = Assert.Single(second.ZohoBulkJobs(), j => j.IsRead);
            Assert.Equal(2, job.Downloads); // its result fetched again for the rows not yet applied
            Assert.Equal(seeded.Max(l => l.ModifiedTime), (await WatermarkAsync(second, SyncWatermark.Leads))!.Value);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(shared, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private const int BulkPageSize = LeadSync.Core.Sync.Pull.BulkLeadReader.PageSize;

    /// <summary>Holds the pull on its first applied page (the page's LeadsChanged) until the application stops.</summary>
    private sealed class FirstPageGate : ISyncEventRelay
    {
        private IHostApplicationLifetime? lifetime;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FirstPageGate Bind(IHostApplicationLifetime host)
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
}
