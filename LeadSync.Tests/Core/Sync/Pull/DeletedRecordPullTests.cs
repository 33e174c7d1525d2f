using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Sync.State;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// A pull reads a page, then applies it; a delete of ours carried out between the two must not come back as a new
/// lead (the outbox entry the pull would have met is gone by then: the finished delete is remembered instead).
/// </summary>
public abstract class DeletedRecordPullTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Points the app at the database under test (SQLite by default).</summary>
    protected virtual LeadSyncAppFactory OnDatabase(LeadSyncAppFactory app) => app;

    private LeadSyncAppFactory Start(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null) =>
        LeadSyncAppFactory.StartForSync(f => OnDatabase(configure is null ? f : configure(f)));

    [Fact] // the clean-clone suite at b6ca4ff: a sweep's drain deleted the record while the test's pull held it
    public async Task A_record_read_before_its_delete_was_carried_out_does_not_come_back_as_a_new_lead()
    {
        await using var app = Start(f => f.WithOnlyTestDrains(new RecordingPushScheduler()));
        var lead = await app.CreateAsync("read.before@example.com");
        await DrainAsync(app);
        var zohoId = (await app.LeadAsync(lead.Id))!.ZohoId!;
        var read = await ReadAsync(app, zohoId); // what a pull's page holds

        await app.Commands.DeleteAsync(lead.Id, cancellationToken: Token);
        await DrainAsync(app); // carried out in Zoho before the pull applies its page
        var run = await ApplyAsync(app, read);

        Assert.Empty(app.ZohoByEmail("read.before@example.com"));
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
        Assert.Equal((0, 1), (run.Created, run.Unchanged));
        Assert.Equal([zohoId], await DeletionsAsync(app));
    }

    [Fact] // Zoho's recycle bin keeps a deleted record's id: a version made after our delete is that record restored
    public async Task A_version_modified_after_the_delete_is_the_record_restored_in_Zoho_and_becomes_a_lead()
    {
        await using var app = Start(f => f.WithOnlyTestDrains(new RecordingPushScheduler()));
        var lead = await app.CreateAsync("restored@example.com");
        await DrainAsync(app);
        var read = await ReadAsync(app, (await app.LeadAsync(lead.Id))!.ZohoId!);
        await app.Commands.DeleteAsync(lead.Id, cancellationToken: Token);
        await DrainAsync(app);
        var deletedAt = await app.QueryAsync(db => db.Set<ZohoDeletion>().Select(d => d.DeletedAt).SingleAsync(Token));

        var atTheAllowance = await ApplyAsync(app, [read[0] with { ModifiedTime = LeadSyncAppFactory.Second(deletedAt + LeadSyncTransitions.ZohoClockAllowance) }]);
        var restored = await ApplyAsync(app, [read[0] with { ModifiedTime = LeadSyncAppFactory.Second(deletedAt) + LeadSyncTransitions.ZohoClockAllowance + TimeSpan.FromSeconds(1) }]);

        Assert.Equal((0, 1), (atTheAllowance.Created, restored.Created));
        Assert.Equal(read[0].Id, (await app.LeadByEmailAsync("restored@example.com"))!.ZohoId);
    }

    [Fact]
    public async Task A_record_a_lost_create_made_read_before_the_leads_delete_was_carried_out_does_not_come_back()
    {
        await using var app = Start(f => f.WithOnlyTestDrains(new RecordingPushScheduler()));
        var lead = await app.CreateAsync("lost.read.before@example.com");
        var read = await ReadAsync(app, await app.LoseFirstPushAnswerAsync(lead));

        await app.Commands.DeleteAsync(lead.Id, cancellationToken: Token);
        await DrainAsync(app); // finds the record by the attempt's email and deletes it
        var run = await ApplyAsync(app, read);

        Assert.Empty(app.ZohoByEmail("lost.read.before@example.com"));
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(Token)));
        Assert.Equal(0, run.Created);
    }

    [Fact]
    public async Task A_finished_pull_forgets_the_deletes_done_before_it_started_once_they_are_an_hour_old()
    {
        await using var app = Start();
        var now = DateTimeOffset.UtcNow;
        await app.QueryAsync(async db =>
        {
            db.AddRange(
                new ZohoDeletion { ZohoId = "1000000000000000001", DeletedAt = now - TimeSpan.FromHours(2) },
                new ZohoDeletion { ZohoId = "1000000000000000002", DeletedAt = now - TimeSpan.FromMinutes(10) });
            return await db.SaveChangesAsync(Token);
        });

        await app.PullAsync();

        Assert.Equal(["1000000000000000002"], await DeletionsAsync(app)); // ten minutes: a pull outside the lock may still hold it
    }

    [Fact]
    public async Task Deletes_done_after_a_pull_started_are_remembered_when_it_finishes()
    {
        await using var app = Start();
        var now = DateTimeOffset.UtcNow;
        await app.QueryAsync(async db =>
        {
            db.AddRange(
                new ZohoDeletion { ZohoId = "1000000000000000003", DeletedAt = now - TimeSpan.FromHours(3) },
                new ZohoDeletion { ZohoId = "1000000000000000004", DeletedAt = now - TimeSpan.FromHours(2) });
            await db.SaveChangesAsync(Token);
            await LeadSyncTransitions.ForgetDeletionsAsync(db, pullStartedAt: now - TimeSpan.FromHours(2.5), now, Token);
            return true;
        });

        Assert.Equal(["1000000000000000004"], await DeletionsAsync(app)); // done after that pull started: it may have read the record
    }

    private static async Task DrainAsync(LeadSyncAppFactory app) =>
        await app.Services.GetRequiredService<OutboxProcessor>().DrainAsync(SyncTrigger.Manual, null, Token);

    private static async Task<IReadOnlyList<ZohoLead>> ReadAsync(LeadSyncAppFactory app, string zohoId)
    {
        var read = await app.Services.GetRequiredService<IZohoClient>().GetLeadsAsync([zohoId], Token);
        Assert.Single(read);
        return read;
    }

    /// <summary>Applies a page read earlier, the way a pull applies each page it read, in a run of its own.</summary>
    private static async Task<SyncRun> ApplyAsync(LeadSyncAppFactory app, IReadOnlyList<ZohoLead> page)
    {
        var runs = app.Services.GetRequiredService<SyncRunRecorder>();
        var run = await runs.StartAsync(SyncRunKind.Pull, SyncTrigger.Manual, Token);
        await app.Services.GetRequiredService<PullPageApplier>().ApplyAsync(run, page, null, Token);
        await runs.FinishAsync(run, null);
        return await app.WaitForRunAsync(run.RunId);
    }

    private static Task<List<string>> DeletionsAsync(LeadSyncAppFactory app) =>
        app.QueryAsync(db => db.Set<ZohoDeletion>().OrderBy(d => d.ZohoId).Select(d => d.ZohoId).ToListAsync(Token));
}

public sealed class DeletedRecordPullTests_Sqlite : DeletedRecordPullTests;

/// <summary>The same on PostgreSQL (<c>LEADSYNC_TEST_POSTGRES</c>), a database of each test's own.</summary>
public sealed class DeletedRecordPullTests_Postgres : DeletedRecordPullTests, IAsyncLifetime
{
    private string database = string.Empty;
    private string connectionString = string.Empty;

    public async ValueTask InitializeAsync() => (database, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);

    protected override LeadSyncAppFactory OnDatabase(LeadSyncAppFactory app) => app.UsePostgres(connectionString);
}
