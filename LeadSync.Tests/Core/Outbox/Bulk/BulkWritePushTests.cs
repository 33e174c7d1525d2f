using System.Globalization;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Benchmarks;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>Big first pushes through Zoho's Bulk Write API (docs/zoho §6.2), over HTTP against the sandbox.</summary>
public sealed class BulkWritePushTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Above_the_threshold_first_pushes_go_as_one_job_and_every_lead_is_linked_agreed_and_synced()
    {
        // Polling every 30 s: only Zoho's callback can wake the job in the test's time.
        await using var app = BulkWriteHost.Start(a => a.With("Sync:BulkWritePollInterval", "00:00:30"));
        await OneJobAsync(app);
    }

    [Fact] // PostgreSQL claims the reserved entries in their own statements (OutboxClaimer.ReadReservedDueAsync)
    public async Task The_same_job_goes_and_is_applied_on_PostgreSQL()
    {
        var (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);
        try
        {
            await using var app = BulkWriteHost.Start(a => a.UsePostgres(connectionString).With("Sync:BulkWritePollInterval", "00:00:30"));
            await OneJobAsync(app);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private static async Task OneJobAsync(LeadSyncAppFactory app)
    {
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("above", 250));
        BulkWriteHost.Nudge(app);

        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal(BulkWriteJobState.Done, job.State);
        Assert.Equal((250, 250, 250, 0), (job.Rows, job.RowsUploaded, job.RowsApplied, job.RowsFailed));
        Assert.Equal("COMPLETED", job.ZohoState);
        Assert.NotNull(job.CallbackAt); // Zoho's callback came (the sandbox calls back on the app's own address)
        Assert.Empty(BulkWriteHost.RecordWrites(app));
        foreach (var id in ids)
        {
            var lead = (await app.LeadAsync(id))!;
            var zoho = app.ZohoSingle(lead.Email);
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Equal(zoho.Id.ToString(CultureInfo.InvariantCulture), lead.ZohoId);
            Assert.True(lead.Fields.SameValuesAs(lead.AgreedSnapshot!));
        }

        var run = Assert.Single(await app.RunsAsync(), r => r.Id == job.RunId);
        Assert.Equal(250, run.Created);
        Assert.Equal(500, run.Credits); // one job (§4.2); uploads, reads and downloads cost none
        Assert.Null(run.Error);
        Assert.Equal(250, await app.QueryAsync(db => db.Set<LeadHistoryEntry>().CountAsync(h => h.RunId == run.Id && h.Outcome == LeadHistoryOutcome.Created, Token)));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<BulkWriteJobRow>().CountAsync(Token))); // a finished job keeps no rows
    }

    [Fact]
    public async Task A_completed_job_with_failed_rows_puts_each_rows_own_error_on_its_lead()
    {
        await using var app = BulkWriteHost.Start();
        var tooLong = new string('L', 81); // Zoho: Last_Name at most 80 characters (§2.11)
        var ids = await BulkWriteHost.AddAsync(app, [
            .. BulkWriteHost.Leads("partial", 60),
            new LeadFields("Bad", tooLong, "bad.1@bulk.example", null, null, "X"),
            .. BulkWriteHost.Leads("partial-more", 60),
            new LeadFields("Bad", tooLong, "bad.2@bulk.example", null, null, "Y")]);
        List<Guid> bad = [ids[60], ids[121]];
        var good = ids.Except(bad).ToList();
        BulkWriteHost.Nudge(app);

        await Eventually.TrueAsync(async () => (await BulkWriteHost.JobsAsync(app)).Any(j => j.State == BulkWriteJobState.Done), "the job is applied");

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((122, 2), (job.RowsApplied, job.RowsFailed));
        foreach (var id in bad)
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.Equal(SyncState.Error, lead.SyncState);
            Assert.Equal("INVALID_DATA", lead.LastError!.Code);
            Assert.Equal("LastName", lead.LastError.Field);
            Assert.Null(lead.ZohoId);
            Assert.Empty(app.ZohoByEmail(lead.Email));
        }

        Assert.All(good, id => Assert.Equal(SyncState.Synced, app.LeadAsync(id).Result!.SyncState));
    }

    [Fact]
    public async Task When_the_callback_is_lost_polling_finds_the_result()
    {
        await using var app = BulkWriteHost.Start();
        app.Faults(new SandboxFaultPatch { BulkCallbackLossRate = 1 });
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("lost-callback", 150));
        BulkWriteHost.Nudge(app);

        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal(BulkWriteJobState.Done, job.State);
        Assert.Null(job.CallbackAt);
        Assert.All(ids, id => Assert.Equal(SyncState.Synced, app.LeadAsync(id).Result!.SyncState));
    }

    [Fact] // docs/zoho §6.5: a job whose create answer was lost may exist; it is never created again, and with no callback
    // within Sync:BulkWriteUnknownAfter its rows go back to the record path, which upserts by email: nothing duplicated
    public async Task A_job_whose_create_answer_was_lost_is_never_created_again_and_each_lead_reaches_zoho_once()
    {
        await using var app = BulkWriteHost.Start(a => a.With("Sync:BulkWriteUnknownAfter", "00:00:02"));
        app.Faults(new SandboxFaultPatch { DropResponseRate = 1, BulkCallbackLossRate = 1 });
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("lost-create", 150));
        BulkWriteHost.Nudge(app);

        await Eventually.TrueAsync(async () => (await BulkWriteHost.JobsAsync(app)).Any(j => j.State == BulkWriteJobState.Unknown), "the job's outcome is unknown");
        app.Faults(new SandboxFaultPatch { DropResponseRate = 0 });
        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal(BulkWriteJobState.Failed, job.State);
        Assert.Single(app.ZohoBulkJobs(), j => !j.IsRead); // created once, although its answer never came
        foreach (var id in ids)
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Single(app.ZohoByEmail(lead.Email));
        }
    }

    [Fact]
    public async Task A_failed_job_gives_its_rows_back_and_each_lead_reaches_zoho_once_through_the_record_path()
    {
        await using var app = BulkWriteHost.Start();
        app.Faults(new SandboxFaultPatch { BulkJobFailureRate = 1 });
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("failed-job", 150));
        BulkWriteHost.Nudge(app);

        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((BulkWriteJobState.Failed, 150), (job.State, job.RowsFailed));
        foreach (var id in ids)
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Single(app.ZohoByEmail(lead.Email)); // nothing lost, nothing duplicated
        }

        Assert.NotEmpty(BulkWriteHost.RecordWrites(app)); // they went through the record path's lost-create recovery
    }

    [Fact]
    public async Task Initial_export_sends_never_linked_leads_by_bulk_write_even_below_the_threshold()
    {
        await using var app = BulkWriteHost.Start(a => a.With("Sync:BulkWriteThreshold", "2000").With("Sync:SweepInterval", "01:00:00"));
        // Queued with a backoff of an hour, so no drain sends them before the export makes them due.
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("export", 40), dueIn: TimeSpan.FromHours(1));

        var runId = await app.Sync.StartInitialExportAsync(cancellationToken: Token);
        var run = await app.WaitForRunAsync(runId);

        Assert.Null(run.Error);
        Assert.Equal(40, run.Created);
        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((runId, BulkWriteJobState.Done), (job.RunId, job.State));
        Assert.Empty(BulkWriteHost.RecordWrites(app));
        Assert.All(ids, id => Assert.NotNull(app.LeadAsync(id).Result!.ZohoId));
    }

    [Fact]
    public async Task Initial_export_queues_never_linked_leads_a_chunk_at_a_time()
    {
        // Issue 17: a first export of a million leads must not hold a list of all their ids (it did: one query for every
        // never-linked id up front). With chunks of 100, the 350 leads are read 100 at a time and still all go by one job.
        await using var app = BulkWriteHost.Start(a => a.With("Sync:SelectionChunk", "100").With("Sync:SweepInterval", "01:00:00"));
        await BulkLeadLoader.LoadNewAsync(app.Contexts, 350, Token);
        var reader = app.Services.GetRequiredService<LeadSelectionReader>();

        var run = await app.WaitForRunAsync(await app.Sync.StartInitialExportAsync(cancellationToken: Token));

        Assert.Null(run.Error);
        Assert.Equal(350, run.Created);
        Assert.InRange(reader.LargestChunk, 1, 100);
        Assert.Equal(350, await app.QueryAsync(db => db.Leads.CountAsync(l => l.ZohoId != null && l.SyncState == SyncState.Synced, Token)));
        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((350, BulkWriteJobState.Done), (job.Rows, job.State));
        Assert.Empty(BulkWriteHost.RecordWrites(app));
    }
}
