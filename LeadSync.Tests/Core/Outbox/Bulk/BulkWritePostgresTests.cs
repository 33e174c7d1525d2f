using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>The bulk push on PostgreSQL (its reservation, job rows and claims are provider SQL too), over HTTP against the sandbox.</summary>
public sealed class BulkWritePostgresTests : IAsyncLifetime
{
    private string database = string.Empty;
    private string connectionString = string.Empty;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);

    [Fact]
    public async Task Above_the_threshold_first_pushes_go_as_one_job_on_postgres_and_every_lead_is_synced()
    {
        await using var app = BulkWriteHost.Start(a => a.UsePostgres(connectionString));
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("postgres", 180));
        BulkWriteHost.Nudge(app);

        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((BulkWriteJobState.Done, 180), (job.State, job.RowsApplied));
        Assert.Empty(BulkWriteHost.RecordWrites(app));
        Assert.All(ids, id => Assert.Equal(SyncState.Synced, app.LeadAsync(id).Result!.SyncState));
        Assert.Equal(500, (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).Sum(r => r.Credits));
    }
}
