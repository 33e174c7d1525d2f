using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// A write Zoho carried out for a claim a later claim had overtaken — a drain that stalled in its calls past its claim
/// lease, a Bulk Write job resumed after the hold on its rows lapsed — must not leave Zoho with the older values and
/// LeadSync believing it synced: the newer values go again (LeadSyncTransitions.LateWrite).
/// </summary>
public sealed class LateWriteTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_Zoho_made_for_an_overtaken_claim_is_followed_by_the_newer_values()
    {
        await using var app = LeadSyncAppFactory.StartForSync();
        const string email = "late.write@example.com";
        var created = await app.CreateAsync(email, company: "First Co");
        await app.WaitSyncedAsync(created.Id);
        var first = (await app.LeadAsync(created.Id))!;

        // A claim of the first values stalls; the lead changes, and a later claim sends the change and settles it.
        var stalled = new ClaimedEntry(9_999_999, first.Id, OutboxOperation.Upsert, first.ZohoId, 1, first.Fields, first.AgreedSnapshot, first.ZohoId, first.Version);
        await app.Commands.UpdateAsync(first.Id, first.Fields with { Company = "Second Co" }, expectedVersion: null, cancellationToken: Token);
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0 && app.ZohoSingle(email).Company == "Second Co", "the change is in Zoho");
        await app.WaitSyncedAsync(first.Id);

        // The stalled claim's write lands in Zoho after it, and its result is applied.
        await app.ZohoEditAsync(email, r => r.Company = "First Co");
        var late = app.ZohoSingle(email);
        var runs = app.Services.GetRequiredService<SyncRunRecorder>();
        var run = await runs.StartAsync(SyncRunKind.Push, SyncTrigger.Manual, Token);
        await app.Services.GetRequiredService<PushResultApplier>().ApplyAsync(
            [new PushOutcome(stalled, PushOutcomeKind.Done, new ZohoWriteResult(0, first.ZohoId, late.ModifiedTime, "update", null), null)], run, Token);
        await runs.FinishAsync(run, null);

        var after = (await app.LeadAsync(first.Id))!;
        Assert.Equal(SyncState.Pending, after.SyncState); // not Synced over Zoho's older values
        Assert.Equal(1, await app.OutboxCountAsync());
        app.Services.GetRequiredService<IPushScheduler>().SchedulePush(); // as the next sweep would
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0 && app.ZohoSingle(email).Company == "Second Co", "the newer values are in Zoho again");
        await app.WaitSyncedAsync(first.Id);
        var synced = (await app.LeadAsync(first.Id))!;
        Assert.Equal("Second Co", synced.Company);
        Assert.Equal("Second Co", synced.AgreedSnapshot!.Company);
    }
}
