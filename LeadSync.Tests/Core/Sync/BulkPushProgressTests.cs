using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync;

/// <summary>
/// Issue 15.8: "push all N matching" reports every selected lead, however the engine split the work. Part of the
/// selection is in flight elsewhere when the push starts (another instance's claim), so the push's own run cannot send
/// it: the progress (<see cref="BulkPushProgressQueries"/>, and <c>GET /api/sync/push/{runId}</c>) counts it as still
/// queued, then as synced once the sweep — another run — sends it; every lead is counted exactly once throughout.
/// </summary>
public sealed class BulkPushProgressTests
{
    private const int Total = 600;
    private const int ClaimedElsewhere = 200;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_split_between_its_own_run_and_a_later_drain_accounts_for_every_selected_lead_once()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await SplitPushAsync(app);
    }

    [Fact]
    public async Task The_same_split_push_is_accounted_for_on_PostgreSQL()
    {
        var (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);
        try
        {
            await using var app = LeadSyncAppFactory.StartForSync(f => f.UsePostgres(connectionString));
            await SplitPushAsync(app);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private static async Task SplitPushAsync(LeadSyncAppFactory app)
    {
        var ids = await app.ImportAsync(Total, "Split");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        await app.QueryAsync(db => db.Leads.Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));
        var elsewhere = ids.Take(ClaimedElsewhere).ToList();
        await ClaimElsewhereAsync(app, elsewhere, DateTimeOffset.UtcNow.AddHours(1));
        var held = ids[^1];
        await app.QueryAsync(db => db.Leads.Where(l => l.Id == held).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, SyncState.Conflict), Token));
        var progress = app.Services.GetRequiredService<BulkPushProgressQueries>();

        var runId = await app.Sync.PushAsync(new LeadFilter { Statuses = ["Contacted"] }, cancellationToken: Token);
        var run = await app.WaitForRunAsync(runId);

        var split = await progress.GetAsync(runId, Token);
        Assert.NotNull(split);
        Assert.Equal(Total - ClaimedElsewhere - 1, run.Updated); // the run's own counters see only its part
        Assert.Equal((Total, Total - ClaimedElsewhere - 1, ClaimedElsewhere, 0, 1, 0), Counts(split));
        Assert.True(split.RunFinished);
        Assert.False(split.IsDone);
        Assert.Equal([runId], split.Runs);
        await AssertApiAgreesAsync(app, split);

        // The other instance's claim ends: the sweep (a run of its own) sends the rest.
        await ClaimElsewhereAsync(app, elsewhere, DateTimeOffset.UtcNow.AddSeconds(-1));
        await Eventually.TrueAsync(async () => (await progress.GetAsync(runId, Token))!.IsDone, "the rest was sent", TimeSpan.FromSeconds(60));

        var done = (await progress.GetAsync(runId, Token))!;
        Assert.Equal((Total, Total - 1, 0, 0, 1, 0), Counts(done));
        Assert.Equal(runId, done.Runs[0]);
        var sweeps = done.Runs.Skip(1).ToList();
        Assert.NotEmpty(sweeps);
        await Eventually.TrueAsync(async () => (await app.RunsAsync()).All(r => r.FinishedAt is not null), "every run stored its counts");
        var others = await app.QueryAsync(db => db.Set<SyncRun>().Where(r => sweeps.Contains(r.Id)).ToListAsync(Token));
        Assert.Equal(ClaimedElsewhere, others.Sum(r => r.Updated));
        Assert.All(others, r => Assert.Contains(r.Trigger, new[] { SyncTrigger.Scheduled, SyncTrigger.Change }));
        await AssertApiAgreesAsync(app, done);
    }

    [Fact]
    public async Task A_lead_deleted_during_the_push_is_counted_as_deleted_and_the_selection_goes_with_its_run()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        var ids = await app.ImportAsync(20, "Gone");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        var runId = await app.Sync.PushAsync(ids, SyncTrigger.Manual, Token);
        await app.WaitForRunAsync(runId);
        await app.QueryAsync(db => db.Leads.Where(l => l.Id == ids[0]).ExecuteDeleteAsync(Token));

        var progress = await app.Services.GetRequiredService<BulkPushProgressQueries>().GetAsync(runId, Token);

        Assert.NotNull(progress);
        Assert.Equal((20, 19, 0, 0, 0, 1), Counts(progress));
        await app.QueryAsync(db => db.Set<SyncRun>().Where(r => r.Id == runId).ExecuteDeleteAsync(Token));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<BulkPushLead>().CountAsync(b => b.RunId == runId, Token)));
    }

    private static (int Selected, int Synced, int Queued, int Failed, int InConflict, int Deleted) Counts(BulkPushProgress p) =>
        (p.Selected, p.Synced, p.Queued, p.Failed, p.InConflict, p.Deleted);

    /// <summary>
    /// Another instance's drain holds these leads' entries until <paramref name="until"/> (written as it would: a claimed
    /// entry each, the lead pending); a time in the past ends its claim.
    /// </summary>
    internal static async Task ClaimElsewhereAsync(LeadSyncAppFactory app, List<Guid> leadIds, DateTimeOffset until)
    {
        await app.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var existing = await db.Set<OutboxEntry>().Where(e => leadIds.Contains(e.LeadId)).ToListAsync(Token);
            if (existing.Count == 0)
            {
                var leads = await db.Leads.Where(l => leadIds.Contains(l.Id)).Select(l => new { l.Id, l.ZohoId }).ToListAsync(Token);
                db.AddRange(leads.Select(l => new OutboxEntry
                {
                    LeadId = l.Id, Operation = OutboxOperation.Upsert, ZohoId = l.ZohoId, Revision = 1, CreatedAt = now, UpdatedAt = now,
                    NextAttemptAt = now, Trigger = ChangeSource.Console, ClaimedBy = "other-instance", ClaimedUntil = until,
                }));
                await db.Leads.Where(l => leadIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, SyncState.Pending), Token);
            }
            else
            {
                existing.ForEach(e => e.ClaimedUntil = until);
            }

            return await db.SaveChangesAsync(Token);
        });
    }

    private static async Task AssertApiAgreesAsync(LeadSyncAppFactory app, BulkPushProgress expected)
    {
        using var api = app.CreateApiClient();
        var body = await api.GetFromJsonAsync<JsonElement>($"api/sync/push/{expected.RunId}", Token);
        Assert.Equal(expected.Selected, body.GetProperty("selected").GetInt32());
        Assert.Equal(expected.Synced, body.GetProperty("synced").GetInt32());
        Assert.Equal(expected.Queued, body.GetProperty("queued").GetInt32());
        Assert.Equal(expected.InConflict, body.GetProperty("inConflict").GetInt32());
        Assert.Equal(expected.IsDone, body.GetProperty("done").GetBoolean());
    }
}
