using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>A bulk job in flight survives a restart (docs/zoho §6.5): polling resumes, no second job, nothing lost.</summary>
public sealed class BulkWriteRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_mid_job_resumes_polling_without_a_second_job_and_nothing_is_lost_or_duplicated()
    {
        var folder = Directory.CreateTempSubdirectory("bulk-restart-").FullName;
        var port = FreePort();
        try
        {
            List<Guid> ids;
            await using (var first = Launch(folder, port, step: "400"))
            {
                ids = await BulkWriteHost.AddAsync(first, BulkWriteHost.Leads("restart", 200));
                BulkWriteHost.Nudge(first);
                await Eventually.TrueAsync(async () => (await BulkWriteHost.JobsAsync(first)).Any(j => j.State == BulkWriteJobState.Submitted), "the job is submitted");
            }

            await using (var passing = LeadSyncAppFactory.InMemory().UseDataFolder(folder))
            {
                // Another instance takes the abandoned job at its start and stops while following it: it lets the job go.
                var instance = passing.Services.GetRequiredService<SyncInstance>().Id;
                await Eventually.TrueAsync(async () => (await BulkWriteHost.JobsAsync(passing)).Single().FollowedBy?.StartsWith(instance + "/", StringComparison.Ordinal) == true, "another instance follows the job");
            }

            var submitted = Assert.Single(await ReadJobsAsync(folder));
            Assert.Equal(BulkWriteJobState.Submitted, submitted.State);
            Assert.Null(submitted.FollowedUntil); // nobody follows it: the next instance resumes it at once, not after the lease

            await using var second = Launch(folder, FreePort(), step: "50"); // another address: the job's result link follows it
            await BulkWriteHost.SettledAsync(second);

            var job = Assert.Single(await BulkWriteHost.JobsAsync(second));
            Assert.Equal((submitted.Id, submitted.ZohoJobId, BulkWriteJobState.Done), (job.Id, job.ZohoJobId, job.State));
            Assert.Equal(200, job.RowsApplied);
            foreach (var id in ids)
            {
                var lead = (await second.LeadAsync(id))!;
                Assert.Equal(SyncState.Synced, lead.SyncState);
                Assert.Single(second.ZohoByEmail(lead.Email)); // nothing duplicated
            }

            var runs = await second.RunsAsync();
            Assert.Equal(500, runs.Sum(r => r.Credits)); // one job created, once
            Assert.Empty(BulkWriteHost.RecordWrites(second));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static LeadSyncAppFactory Launch(string folder, int port, string step) =>
        BulkWriteHost.Start(a => a.OnPort(port).UseDataFolder(folder).With("Sandbox:Bulk:StepMilliseconds", step));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The jobs as stored in the folder's database, read with no app running (none to take them meanwhile).</summary>
    private static async Task<List<BulkWriteJob>> ReadJobsAsync(string folder)
    {
        var options = new DbContextOptionsBuilder<SqliteLeadSyncDbContext>()
            .UseSqlite(DataServiceCollectionExtensions.SqliteConnectionString(Path.Combine(folder, "leadsync.db"))).Options;
        await using var db = new SqliteLeadSyncDbContext(options);
        return await db.Set<BulkWriteJob>().AsNoTracking().ToListAsync(Token);
    }
}
