using System.Net;
using System.Text;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/zoho</c> (§5 callbacks): verified by channel id and token, answered at once, and the notified leads
/// pulled in the background with trigger Webhook — with the scheduled pull at one hour, only the callback can bring them.
/// </summary>
public sealed class ZohoWebhookReceiverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact] // §5: the callback carries ids only; the engine reads the records
    public async Task Change_made_on_the_sandbox_page_reaches_the_local_lead_through_the_callback()
    {
        await using var app = new WebhookTestApp();
        await app.ChannelAsync();
        var name = "Hooked" + Guid.NewGuid().ToString("N")[..8];

        var zohoId = await app.CreateInSandboxAsync(name, "Acme");
        var created = await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l is not null, "the created lead");
        var edited = await app.Sandbox.Leads.EditAsync(zohoId, new() { LastName = name, Email = WebhookTestApp.Email(name), Company = "Globex" }, Ct);
        var updated = await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l?.Company == "Globex", "the edited company");
        var runs = await app.RunsAsync();

        Assert.True(edited.Succeeded);
        Assert.Equal(WebhookTestApp.Id(zohoId), created!.ZohoId);
        Assert.Equal(SyncState.Synced, updated!.SyncState);
        Assert.Contains(runs, r => r.Trigger == SyncTrigger.Webhook && r.Kind == SyncRunKind.PullLeads);
        Assert.DoesNotContain(runs, r => r.Trigger == SyncTrigger.Scheduled && r.StartedAt > created.CreatedAt);
    }

    [Fact] // §5 delete callback → §2.8 deleted records; Sync:PropagateDeletes:FromZoho (default true) deletes locally
    public async Task Delete_in_the_sandbox_removes_the_local_lead()
    {
        await using var app = new WebhookTestApp();
        await app.ChannelAsync();
        var name = "Gone" + Guid.NewGuid().ToString("N")[..8];
        var zohoId = await app.CreateInSandboxAsync(name, "Acme");
        await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l is not null, "the created lead");

        var deleted = await app.Sandbox.Leads.DeleteAsync(zohoId, Ct);
        await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l is null, "the local lead to be deleted");

        var runs = await WebhookTestApp.PollAsync(app.RunsAsync, r => r.Any(x => x.Kind == SyncRunKind.Pull && x.Trigger == SyncTrigger.Webhook && x.FinishedAt is not null), "the delete run to finish");

        Assert.True(deleted.Succeeded);
        Assert.Equal(1, Assert.Single(runs, r => r.Kind == SyncRunKind.Pull && r.Trigger == SyncTrigger.Webhook).Deleted);
    }

    [Fact] // Sync:PropagateDeletes:FromZoho=false keeps the lead, unlinked
    public async Task Delete_in_the_sandbox_unlinks_the_local_lead_when_deletes_from_Zoho_are_off()
    {
        await using var app = new WebhookTestApp(f => f.With("Sync:PropagateDeletes:FromZoho", "false"));
        await app.ChannelAsync();
        var name = "Kept" + Guid.NewGuid().ToString("N")[..8];
        var zohoId = await app.CreateInSandboxAsync(name, "Acme");
        await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l is not null, "the created lead");

        await app.Sandbox.Leads.DeleteAsync(zohoId, Ct);
        var kept = await WebhookTestApp.PollAsync(() => app.LocalLeadAsync(WebhookTestApp.Email(name)), l => l?.ZohoId is null, "the local lead to be unlinked");

        Assert.Equal(SyncState.NeverSynced, kept!.SyncState);
        Assert.Equal("ZOHO_DELETED", kept.LastError?.Code);
    }

    [Fact]
    public async Task Callback_with_a_wrong_token_or_channel_is_refused_and_pulls_nothing()
    {
        await using var app = new WebhookTestApp();
        var channel = await app.ChannelAsync();
        await app.Sandbox.SeedLeadsAsync(2, "Quiet", Ct); // no notifications: only a callback could bring them
        var seeded = app.Sandbox.Leads.Store.Search(null, 0, 10).Items.Select(l => WebhookTestApp.Id(l.Id)).ToList();

        using var wrongToken = await app.NotifyAsync(channel.ChannelId, channel.Token + "x", "insert", seeded[0]);
        using var wrongChannel = await app.NotifyAsync("1" + channel.ChannelId, channel.Token, "insert", seeded[0]);
        using var noToken = await app.NotifyAsync(channel.ChannelId, null, "insert", seeded[0]);
        using var genuine = await app.NotifyAsync(channel.ChannelId, channel.Token, "insert", seeded[1]);
        var runs = await WebhookTestApp.PollAsync(app.RunsAsync, r => r.Any(x => x.Trigger == SyncTrigger.Webhook && x.FinishedAt is not null), "the genuine callback's run");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongChannel.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Null(wrongToken.Headers.Location); // anonymous endpoint: its own refusal, not a sign-in redirect
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var webhookRun = Assert.Single(runs, r => r.Trigger == SyncTrigger.Webhook);
        Assert.Equal(1, webhookRun.Created);
        Assert.Null(await app.LocalLeadByZohoIdAsync(seeded[0]));
        Assert.NotNull(await app.LocalLeadByZohoIdAsync(seeded[1]));
    }

    [Fact]
    public async Task Malformed_callback_gets_400_and_an_oversized_one_413()
    {
        await using var app = new WebhookTestApp();
        await app.ChannelAsync();

        using var malformed = await app.Http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative), new StringContent("{\"ids\": [", Encoding.UTF8, "application/json"), Ct);
        using var wrongShape = await app.Http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative), new StringContent("{\"ids\": 5}", Encoding.UTF8, "application/json"), Ct);
        using var huge = await app.Http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative),
            new StringContent("{\"ids\":[\"" + new string('1', 70 * 1024) + "\"]}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.DoesNotContain(await app.RunsAsync(), r => r.Trigger == SyncTrigger.Webhook);
    }
}
