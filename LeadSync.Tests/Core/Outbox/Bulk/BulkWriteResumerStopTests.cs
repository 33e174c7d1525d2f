using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox.Bulk;

/// <summary>
/// An instance that stops between taking an abandoned Bulk Write job and running it lets the job go (docs/zoho §6.5,
/// "Crash safety"): the next instance resumes it at once instead of after its follow lease (50 s by default).
/// </summary>
public sealed class BulkWriteResumerStopTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_taken_just_before_the_instance_stops_is_let_go_not_left_to_its_lease()
    {
        using var stopping = new CancellationTokenSource();
        var resumer = new ResumerWatch(stopping);
        await using var app = LeadSyncAppFactory.InMemory()
            .With("Sync:BulkWritePollInterval", "00:10:00") // the scheduled resume looks at start, then not for 10 minutes
            .WithServices(s => s.ConfigureDbContext<SqliteLeadSyncDbContext>(b => b.AddInterceptors(resumer)));
        app.Start();
        await Eventually.TrueAsync(() => Task.FromResult(resumer.Looks > 0), "the scheduled resume has looked for jobs");
        var runs = app.Services.GetRequiredService<SyncRunRecorder>();
        var earlier = await runs.StartAsync(SyncRunKind.Push, SyncTrigger.Manual, Token); // the run of the instance that stopped
        await runs.FinishAsync(earlier, "stopped");
        var now = DateTimeOffset.UtcNow;
        var job = new BulkWriteJob { RunId = earlier.RunId, State = BulkWriteJobState.Submitted, ZohoJobId = "5725767000900000001", CreatedAt = now, UpdatedAt = now };
        await app.QueryAsync(async db =>
        {
            db.Add(job);
            return await db.SaveChangesAsync(Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Services.GetRequiredService<BulkWriteResumer>().ResumeAsync(stopping.Token));

        var stored = await app.QueryAsync(db => db.Set<BulkWriteJob>().AsNoTracking().SingleAsync(j => j.Id == job.Id, Token));
        Assert.True(stopping.IsCancellationRequested, "the stop came right after the take");
        Assert.StartsWith(app.Services.GetRequiredService<SyncInstance>().Id + "/", stored.FollowedBy); // this instance took it…
        Assert.Null(stored.FollowedUntil); // …and let it go as it stopped
        Assert.Equal(BulkWriteJobState.Submitted, stored.State);
    }

    /// <summary>
    /// Counts the resumer's looks for unfollowed jobs, and stops the instance (cancels its token) the moment the
    /// resumer's statement taking a job has taken one.
    /// </summary>
    private sealed class ResumerWatch(CancellationTokenSource stopping) : DbCommandInterceptor
    {
        private int looks;

        public int Looks => Volatile.Read(ref looks);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"BulkWriteJobs\"", StringComparison.Ordinal) && command.CommandText.Contains("\"FollowedUntil\" IS NULL", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref looks);
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result == 1 && command.CommandText.Contains("SET \"FollowedBy\" =", StringComparison.Ordinal))
            {
                stopping.Cancel();
            }

            return ValueTask.FromResult(result);
        }
    }
}
