using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// Issue 14.7: "push all N matching" is reported by its own run — the entries it queues are reserved for that run
/// (<see cref="OutboxReservation"/>), so a sweep draining at the same time takes none of them — and pushing synced
/// leads with nothing to send costs nothing.
/// </summary>
public sealed class BulkPushAccountingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_all_matching_is_accounted_for_by_its_own_run_while_the_sweep_drains()
    {
        // The fast test host sweeps every 200 ms: without the reservation the sweep's runs took part of the push.
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.ImportAsync(3000, "Acct");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        var before = DateTimeOffset.UtcNow;
        // A change on every lead that queued nothing (as one made straight in the database): only the push sends it.
        await app.QueryAsync(db => db.Leads.Where(l => l.Email.StartsWith("acct.")).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, "Contacted"), Token));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var competing = DrainWithoutPauseAsync(app, stop.Token); // a sweep as eager as it can be
        var runId = await app.Sync.PushAsync(new LeadFilter { Statuses = ["Contacted"] }, cancellationToken: Token);
        var run = await app.WaitForRunAsync(runId);
        await stop.CancelAsync();
        await competing;
        await Eventually.TrueAsync(async () => (await app.RunsAsync()).All(r => r.FinishedAt is not null), "every run finished");

        var others = (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push && r.Id != runId && r.StartedAt >= before).ToList();
        Assert.Equal(3000, run.Updated);
        Assert.Equal(0, others.Sum(r => r.Created + r.Updated + r.Unchanged));
        Assert.Equal(3000, await app.QueryAsync(db => db.Leads.CountAsync(l => l.Status == "Contacted" && l.SyncState == SyncState.Synced, Token)));
        Assert.Equal("Contacted", app.ZohoSingle("Acct.2999@import.example").LeadStatus);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<OutboxEntry>().CountAsync(e => e.ReservedFor != null, Token)));
    }

    [Fact] // found by the million-lead benchmark: the entries stayed reserved for a run that had ended
    public async Task A_push_of_all_matching_while_Zoho_refuses_the_credentials_leaves_its_entries_to_any_drain()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:AuthProbeInterval", "01:00:00"));
        var leads = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            leads.Add((await app.CreateAsync($"refused.push.{i}@example.com")).Id);
        }

        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the leads were pushed");
        await app.QueryAsync(db => db.Leads.ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, "Changed"), Token)); // nothing queued: only the push sends it
        // Zoho really refuses from here on, as it would: a drain already past its check of the credentials when the
        // engine learns of the refusal may still claim the entries (a clean-clone run saw one claim them ~250 ms after
        // the run ended), and its call must be refused too, so it gives them back rather than sending them.
        await app.Sandbox.RevokeRefreshTokenAsync(Token);
        await app.Sandbox.ExpireAccessTokensAsync(Token);
        app.Services.GetRequiredService<EngineStateTracker>().CredentialsRefused("INVALID_TOKEN");

        var run = await app.WaitForRunAsync(await app.Sync.PushAsync(new LeadFilter(), cancellationToken: Token));

        Assert.NotNull(run.Error);
        var entries = await Eventually.ReadAsync(
            () => app.QueryAsync(db => db.Set<OutboxEntry>().AsNoTracking().ToListAsync(Token)), es => es.All(e => e.ClaimedBy is null),
            "no drain holds the entries (a reservation would hold them for ten minutes)");
        Assert.Equal(leads.ToHashSet(), entries.Select(e => e.LeadId).ToHashSet());
        Assert.All(entries, e => Assert.Equal(((Guid?)null, (string?)null), (e.ReservedFor, e.ClaimedBy)));
        Assert.All(entries, e => Assert.True(e.NextAttemptAt <= DateTimeOffset.UtcNow, "due for any drain once the credentials work"));
    }

    private static async Task DrainWithoutPauseAsync(LeadSyncAppFactory app, CancellationToken stop)
    {
        var processor = app.Services.GetRequiredService<OutboxProcessor>();
        while (!stop.IsCancellationRequested)
        {
            await processor.DrainAsync(SyncTrigger.Scheduled, null, CancellationToken.None);
            await Task.Yield();
        }
    }

    [Fact]
    public async Task Pushing_synced_leads_with_nothing_to_send_writes_nothing_and_says_so()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        await app.ImportAsync(300, "Same");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the import was pushed", TimeSpan.FromSeconds(60));
        var writesBefore = app.Sandbox.State();

        var run = await app.WaitForRunAsync(await app.Sync.PushAsync(new LeadFilter { Search = "Same" }, cancellationToken: Token));

        Assert.Equal(300, run.Unchanged);
        Assert.Equal(0, run.Created + run.Updated);
        Assert.Equal(0, run.Credits);
        Assert.Equal(writesBefore.Leads, app.Sandbox.State().Leads);
    }
}
