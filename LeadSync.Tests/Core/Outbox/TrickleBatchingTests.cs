using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// <c>Sync:PushLinger</c> (issue 14.4): a trickle of single edits leaves in full batches, and a lone edit still leaves
/// within the linger — nudged when it ends, not at the next sweep.
/// </summary>
public sealed class TrickleBatchingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Leads_created_one_by_one_leave_together_after_the_linger()
    {
        // A sweep far away: only the linger's own nudge can push them.
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:PushLinger", "00:00:01").WithSweepOnlyAfter(TimeSpan.FromMinutes(10)));
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 100; i++)
        {
            await app.CreateAsync($"trickle.{i}@example.com");
            await Task.Delay(30, Token); // a trickle: one edit every ~50 ms
        }

        var trickle = DateTimeOffset.UtcNow - started;
        await Eventually.TrueAsync(
            async () => await app.OutboxCountAsync() == 0 && (await app.RunsAsync()).All(r => r.FinishedAt is not null),
            "the trickle was pushed and its runs finished", TimeSpan.FromSeconds(20));

        var pushes = (await app.RunsAsync()).Where(r => r.Kind == SyncRunKind.Push).ToList();
        var calls = pushes.Sum(r => r.ApiCalls);
        Assert.Equal(100, pushes.Sum(r => r.Created));
        Assert.Equal(100, app.Sandbox.State().Leads);
        // Full batches for a trickle: at least ten leads per write on average (plus the first run's token request).
        // Without the linger a drain takes whatever is due when it runs: 13–14 calls here.
        Assert.True(calls <= 11, $"{calls} Zoho calls for a trickle of {trickle.TotalSeconds:0.0} s: " + string.Join(", ", pushes.Select(r => $"{r.StartedAt - started:s\\.fff}s {r.Created} created/{r.ApiCalls} calls")));
    }

    [Fact]
    public async Task A_lone_edit_leaves_within_about_the_linger()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:PushLinger", "00:00:01").WithSweepOnlyAfter(TimeSpan.FromMinutes(10)));
        var started = DateTimeOffset.UtcNow;
        var lead = await app.CreateAsync("lone.edit@example.com");

        await app.WaitSyncedAsync(lead.Id);

        var synced = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(SyncState.Synced, synced.SyncState);
        Assert.InRange(synced.LastSyncedAt!.Value - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }
}
