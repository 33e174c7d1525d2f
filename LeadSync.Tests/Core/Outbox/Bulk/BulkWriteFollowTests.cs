using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// One follower per Bulk Write job (docs/zoho §6.5, "Crash safety"): a follow that stalled past its lease and was
/// taken over writes nothing more — no second job in Zoho, no state written over its new follower's — and a follow
/// that is alive keeps its lease through a long step.
/// </summary>
public sealed class BulkWriteFollowTests
{
    private const string OtherFollower = "other-instance/0000beef";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follow_whose_job_was_taken_can_neither_save_renew_nor_let_go_of_it()
    {
        await using var app = BulkWriteHost.Start();
        var store = app.Services.GetRequiredService<BulkWriteStore>();
        var until = DateTimeOffset.UtcNow.AddMinutes(10);
        var stored = await StoreJobAsync(app, OtherFollower, until);
        var stale = Copy(stored, follower: "this-instance/00000001"); // the follow that lost the job
        stale.State = BulkWriteJobState.Failed;
        stale.Error = "written by the follow that lost the job";

        var refused = await Assert.ThrowsAsync<BulkWriteJobTakenException>(() => store.SaveAsync(stale, Token));
        Assert.Equal(stored.Id, refused.JobId);
        Assert.False(await store.RenewAsync(stale, Token));
        await store.LetGoAsync([stale]);

        var after = await ReadAsync(app, stored.Id);
        Assert.Equal((BulkWriteJobState.Submitted, (string?)null, OtherFollower), (after.State, after.Error, after.FollowedBy));
        Assert.Equal(until, after.FollowedUntil!.Value, TimeSpan.FromMilliseconds(1)); // untouched: its follower's lease

        var current = Copy(stored, follower: OtherFollower); // the follow that holds it saves and renews as before
        current.RowsApplied = 7;
        await store.SaveAsync(current, Token);
        Assert.True(await store.RenewAsync(current, Token));
        Assert.Equal(7, (await ReadAsync(app, stored.Id)).RowsApplied);
    }

    [Fact]
    public async Task A_job_taken_while_its_create_call_was_in_flight_is_created_once_and_finished_by_its_new_follower()
    {
        var takeover = new TakeoverBeforeCreate();
        await using var app = BulkWriteHost.Start(a => a.WithServices(s => s.ConfigureDbContext<SqliteLeadSyncDbContext>(b => b.AddInterceptors(takeover))));
        var ids = await BulkWriteHost.AddAsync(app, BulkWriteHost.Leads("takeover", 200));
        BulkWriteHost.Nudge(app);

        await Eventually.TrueAsync(() => Task.FromResult(app.Logs.Lines.Any(l => l.Contains("is followed by another instance now", StringComparison.Ordinal))), "the follow that lost the job stops");
        var taken = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.True(takeover.Done, "the job was taken just before its create call");
        Assert.Equal(OtherFollower, taken.FollowedBy); // the stalled follow neither saved over it nor let it go
        Assert.Equal(BulkWriteJobState.Submitting, taken.State);
        Assert.NotNull(taken.ZohoJobId); // the create's answer recorded for the new follower, which never creates it again

        // The new follower stops in its turn: this instance's resumer takes the job and finishes it with Zoho's id.
        await app.QueryAsync(db => db.Set<BulkWriteJob>().Where(j => j.Id == taken.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.FollowedUntil, (DateTimeOffset?)null), Token));
        await BulkWriteHost.SettledAsync(app);

        var job = Assert.Single(await BulkWriteHost.JobsAsync(app));
        Assert.Equal((taken.ZohoJobId, BulkWriteJobState.Done, 200), (job.ZohoJobId, job.State, job.RowsApplied));
        foreach (var id in ids)
        {
            var lead = (await app.LeadAsync(id))!;
            Assert.Equal(SyncState.Synced, lead.SyncState);
            Assert.Single(app.ZohoByEmail(lead.Email)); // nothing duplicated
        }

        Assert.Equal(500, (await app.RunsAsync()).Sum(r => r.Credits)); // one job created, once
        Assert.Empty(BulkWriteHost.RecordWrites(app));
    }

    [Fact]
    public async Task A_live_follow_renews_its_lease_through_a_long_step_and_stops_once_the_job_is_taken()
    {
        await using var app = BulkWriteHost.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new BulkWriteStore(
            app.Contexts, app.Services.GetRequiredService<OutboxClaimer>(), app.Services.GetRequiredService<SqliteWriteGate>(),
            app.Services.GetRequiredService<SyncInstance>(), app.Services.GetRequiredService<IOptionsMonitor<SyncOptions>>(), clock);
        var lease = store.FollowLeaseLength;
        var job = await StoreJobAsync(app, "this-instance/00000002", clock.GetUtcNow() + lease);
        using var following = new CancellationTokenSource();
        var keeper = FollowLeaseKeeper.KeepAsync(store, Copy(job, job.FollowedBy!), clock, following);

        // A step runs three leases long: every quarter of a lease the keeper moves the lease on, so it never lapses.
        var renewedUntil = job.FollowedUntil!.Value;
        for (var quarter = 1; quarter <= 12; quarter++)
        {
            renewedUntil = await NextRenewalAsync(app, job.Id, clock, lease / 4, renewedUntil);
            Assert.True(renewedUntil > clock.GetUtcNow() + (lease / 2), $"the lease runs well ahead of the clock in quarter {quarter}");
            Assert.False(following.IsCancellationRequested);
        }

        await app.QueryAsync(db => db.Set<BulkWriteJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.FollowedBy, OtherFollower), Token));
        await Eventually.TrueAsync(() =>
        {
            clock.Advance(lease / 4); // a renewal interval per poll: the keeper's next look finds the job taken
            return Task.FromResult(following.IsCancellationRequested);
        }, "the follow stops once a renewal finds the job taken", interval: TimeSpan.FromMilliseconds(500));
        await keeper;
        Assert.Equal(OtherFollower, (await ReadAsync(app, job.Id)).FollowedBy);
    }

    /// <summary>
    /// Moves the clock a renewal interval on and waits for the keeper's renewal. Should the keeper not yet have been
    /// waiting on the clock, the clock is moved once more after a second: two intervals are still half a lease.
    /// </summary>
    private static async Task<DateTimeOffset> NextRenewalAsync(LeadSyncAppFactory app, Guid jobId, FakeTimeProvider clock, TimeSpan every, DateTimeOffset before)
    {
        clock.Advance(every);
        var advancedAt = DateTime.UtcNow;
        var renewed = before;
        await Eventually.TrueAsync(async () =>
        {
            renewed = (await ReadAsync(app, jobId)).FollowedUntil!.Value;
            if (renewed > before)
            {
                return true;
            }

            if (DateTime.UtcNow - advancedAt > TimeSpan.FromSeconds(1))
            {
                clock.Advance(every);
                advancedAt = DateTime.UtcNow;
            }

            return false;
        }, "the keeper renews the lease", TimeSpan.FromSeconds(20));
        return renewed;
    }

    private static async Task<BulkWriteJob> StoreJobAsync(LeadSyncAppFactory app, string follower, DateTimeOffset followedUntil)
    {
        var runs = app.Services.GetRequiredService<SyncRunRecorder>();
        var run = await runs.StartAsync(SyncRunKind.Push, SyncTrigger.Manual, Token); // the run of the push the job belongs to
        await runs.FinishAsync(run, null);
        var now = DateTimeOffset.UtcNow;
        var job = new BulkWriteJob
        {
            RunId = run.RunId, State = BulkWriteJobState.Submitted, ZohoJobId = "5725767000900000042", Rows = 10, CreatedAt = now, UpdatedAt = now,
            FollowedBy = follower, FollowedUntil = followedUntil,
        };
        await app.QueryAsync(async db =>
        {
            db.Add(job);
            return await db.SaveChangesAsync(Token);
        });
        return job;
    }

    private static BulkWriteJob Copy(BulkWriteJob job, string follower) => new()
    {
        Id = job.Id, RunId = job.RunId, State = job.State, ZohoJobId = job.ZohoJobId, Rows = job.Rows, CreatedAt = job.CreatedAt, UpdatedAt = job.UpdatedAt,
        FollowedBy = follower, FollowedUntil = job.FollowedUntil,
    };

    private static Task<BulkWriteJob> ReadAsync(LeadSyncAppFactory app, Guid id) =>
        app.QueryAsync(db => db.Set<BulkWriteJob>().AsNoTracking().SingleAsync(j => j.Id == id, Token));

    /// <summary>
    /// Another instance takes the job at the last moment before this follow's create call: right after the save that
    /// stamps <see cref="BulkWriteJob.SubmittedAt"/> (the job's row is changed on the same connection, as a resumer
    /// elsewhere would after this follow's lease ran out).
    /// </summary>
    private sealed class TakeoverBeforeCreate : DbCommandInterceptor
    {
        private int done;

        public bool Done => Volatile.Read(ref done) == 1;

        public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result == 1 && command.CommandText.StartsWith("UPDATE \"BulkWriteJobs\"", StringComparison.Ordinal) && IsSubmittingSave(command)
                && Interlocked.CompareExchange(ref done, 1, 0) == 0)
            {
                await using var take = command.Connection!.CreateCommand();
                take.Transaction = command.Transaction;
                take.CommandText = $"UPDATE \"BulkWriteJobs\" SET \"FollowedBy\" = '{OtherFollower}' WHERE \"State\" = 'Submitting'";
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }

        private static bool IsSubmittingSave(DbCommand command) =>
            command.CommandText.Contains("\"SubmittedAt\" = @", StringComparison.Ordinal) && command.Parameters.Cast<DbParameter>().Any(p => p.Value is "Submitting");
    }
}
