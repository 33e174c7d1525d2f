using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Webhooks;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// Issue 14.8: Zoho notifies LeadSync of the records LeadSync itself just wrote (§5). Such a notification costs no
/// call and no run; a change someone else made — even to the same record in the same second — is still pulled.
/// </summary>
public sealed class OwnWriteEchoTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact] // §5: every write to a watched record is notified, ours included
    public async Task Our_own_pushed_creates_updates_and_deletes_notified_back_start_no_pull_run()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks(f => f.WithFastSync());
        await app.WatchChannelAsync(WaitLimit);
        var ids = await app.ImportAsync(250, "Echo");
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the 250 creates were pushed", WaitLimit);
        await app.Commands.UpdateAsync(ids[0], (await app.LeadAsync(ids[0]))!.Fields with { Company = "Echo Two" }, null, cancellationToken: Ct);
        await app.Commands.DeleteAsync(ids[1], cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await app.OutboxCountAsync() == 0, "the update and the delete were pushed", WaitLimit);

        await Eventually.TrueAsync(async () => await EchoesAsync(app) == 0, "every notification of our writes came back and was consumed", WaitLimit);
        var runs = await app.RunsAsync();

        Assert.Equal("Echo Two", app.ZohoSingle("Echo.0@import.example").Company);
        Assert.Empty(app.ZohoByEmail("Echo.1@import.example"));
        Assert.Single(app.ZohoByEmail("Echo.249@import.example"));
        Assert.DoesNotContain(runs, r => r.Trigger == SyncTrigger.Webhook);
    }

    [Fact] // the count keeps it safe: a second change of the same record in the same second is pulled
    public async Task One_echo_explains_one_notification_of_its_second_and_nothing_else()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var echoes = app.Services.GetRequiredService<OwnWriteEchoes>();
        var written = LeadSyncAppFactory.Second(DateTimeOffset.UtcNow);
        await ExpectAsync(app, echoes.Rows([("9001", written), ("9002", written), ("9003", null)]));

        var ours = await echoes.ConsumeAsync(["9001"], written.AddMilliseconds(400), Ct);
        var sameSecondAgain = await echoes.ConsumeAsync(["9001"], written.AddMilliseconds(700), Ct);
        var muchLater = await echoes.ConsumeAsync(["9002"], written.AddSeconds(30), Ct);
        var mixed = await echoes.ConsumeAsync(["9002", "9003", "9004"], written.AddMilliseconds(300), Ct);

        Assert.Equal(["9001"], ours);
        Assert.Empty(sameSecondAgain);
        Assert.Empty(muchLater);
        Assert.Equal(["9002", "9003"], mixed.Order(StringComparer.Ordinal));
        Assert.Equal(0, await EchoesAsync(app));
    }

    [Fact] // Webhooks:EchoWindow: an echo whose notification never came explains nothing later and is pruned
    public async Task An_echo_past_its_window_explains_nothing_and_is_pruned()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks(f => f.With("Webhooks:EchoWindow", "00:00:05"));
        var echoes = app.Services.GetRequiredService<OwnWriteEchoes>();
        await ExpectAsync(app, echoes.Rows([("9101", null)]));
        await Task.Delay(TimeSpan.FromSeconds(5.5), Ct);

        var late = await echoes.ConsumeAsync(["9101"], DateTimeOffset.UtcNow, Ct);
        await echoes.PruneAsync(Ct);

        Assert.Empty(late);
        Assert.Equal(0, await EchoesAsync(app));
    }

    [Fact] // a change made in Zoho right after our write to the same record still arrives through its notification
    public async Task A_Zoho_edit_right_after_our_update_is_pulled_through_its_notification()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks(f => f.WithFastSync());
        await app.WatchChannelAsync(WaitLimit);
        var lead = await app.CreateAsync("echo.race@example.com", "Race");
        await app.WaitSyncedAsync(lead.Id);

        await app.Commands.UpdateAsync(lead.Id, (await app.LeadAsync(lead.Id))!.Fields with { Company = "Ours" }, null, cancellationToken: Ct);
        await Eventually.TrueAsync(() => Task.FromResult(app.ZohoSingle("echo.race@example.com").Company == "Ours"), "our update reached Zoho", WaitLimit);
        await app.ZohoEditAsync("echo.race@example.com", l => l.Phone = "+1 555 0100");

        var pulled = await Eventually.ReadAsync(() => app.LeadAsync(lead.Id), l => l?.Phone == "+1 555 0100", "the Zoho edit arrived", WaitLimit);
        Assert.Equal("Ours", pulled!.Company);
        Assert.Contains(await app.RunsAsync(), r => r.Trigger == SyncTrigger.Webhook && r.Kind == SyncRunKind.PullLeads);
    }

    private static Task<int> ExpectAsync(LeadSyncAppFactory app, List<ExpectedEcho> rows) => app.QueryAsync(db =>
    {
        db.AddRange(rows);
        return db.SaveChangesAsync(Ct);
    });

    private static Task<int> EchoesAsync(LeadSyncAppFactory app) => app.QueryAsync(db => db.Set<ExpectedEcho>().CountAsync(Ct));
}
