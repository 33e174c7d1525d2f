using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/zoho</c> (§5 callbacks): verified by channel id and token, answered at once, and the notified leads
/// pulled in the background with trigger Webhook — with the scheduled pull at one hour, only the callback can bring them.
/// </summary>
public sealed class ZohoWebhookReceiverTests
{
    /// <summary>How long a change may take to arrive through the callback.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact] // §5: the callback carries ids only; the engine reads the records
    public async Task Change_made_on_the_sandbox_page_reaches_the_local_lead_through_the_callback()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        await app.WatchChannelAsync(WaitLimit);
        var name = "Hooked" + Guid.NewGuid().ToString("N")[..8];

        var zohoId = await CreateInSandboxAsync(app, name, "Acme");
        var created = await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l is not null, "the created lead arrived", WaitLimit);
        var edited = await app.Sandbox.Leads.EditAsync(zohoId, new() { LastName = name, Email = Email(name), Company = "Globex" }, Ct);
        var updated = await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l?.Company == "Globex", "the edited company arrived", WaitLimit);
        var runs = await app.RunsAsync();

        Assert.True(edited.Succeeded);
        Assert.Equal(Id(zohoId), created!.ZohoId);
        Assert.Equal(SyncState.Synced, updated!.SyncState);
        Assert.Contains(runs, r => r.Trigger == SyncTrigger.Webhook && r.Kind == SyncRunKind.PullLeads);
        Assert.DoesNotContain(runs, r => r.Trigger == SyncTrigger.Scheduled && r.StartedAt > created.CreatedAt);
    }

    [Fact] // §5 delete callback → §2.8 deleted records; Sync:PropagateDeletes:FromZoho (default true) deletes locally
    public async Task Delete_in_the_sandbox_removes_the_local_lead()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        await app.WatchChannelAsync(WaitLimit);
        await app.WaitStartPullAsync(WaitLimit); // else the start's pull may meet the delete first and leave the webhook's run nothing to do
        var name = "Gone" + Guid.NewGuid().ToString("N")[..8];
        var zohoId = await CreateInSandboxAsync(app, name, "Acme");
        await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l is not null, "the created lead arrived", WaitLimit);

        var deleted = await app.Sandbox.Leads.DeleteAsync(zohoId, Ct);
        await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l is null, "the local lead was deleted", WaitLimit);

        var runs = await Eventually.ReadAsync(app.RunsAsync, r => r.Any(x => x.Kind == SyncRunKind.Pull && x.Trigger == SyncTrigger.Webhook && x.FinishedAt is not null), "the delete run finished", WaitLimit);

        Assert.True(deleted.Succeeded);
        Assert.Equal(1, Assert.Single(runs, r => r.Kind == SyncRunKind.Pull && r.Trigger == SyncTrigger.Webhook).Deleted);
    }

    [Fact] // Sync:PropagateDeletes:FromZoho=false keeps the lead, unlinked
    public async Task Delete_in_the_sandbox_unlinks_the_local_lead_when_deletes_from_Zoho_are_off()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks(f => f.With("Sync:PropagateDeletes:FromZoho", "false"));
        await app.WatchChannelAsync(WaitLimit);
        var name = "Kept" + Guid.NewGuid().ToString("N")[..8];
        var zohoId = await CreateInSandboxAsync(app, name, "Acme");
        await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l is not null, "the created lead arrived", WaitLimit);

        await app.Sandbox.Leads.DeleteAsync(zohoId, Ct);
        var kept = await Eventually.ReadAsync(() => app.LeadByEmailAsync(Email(name)), l => l?.ZohoId is null, "the local lead was unlinked", WaitLimit);

        Assert.Equal(SyncState.NeverSynced, kept!.SyncState);
        Assert.Equal("ZOHO_DELETED", kept.LastError?.Code);
    }

    [Fact]
    public async Task Callback_with_a_wrong_token_or_channel_is_refused_and_pulls_nothing()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var channel = await app.WatchChannelAsync(WaitLimit);
        await app.WaitStartPullAsync(WaitLimit); // else a late start's pull may bring the seeded leads before any callback
        await app.Sandbox.SeedLeadsAsync(2, "Quiet", Ct); // no notifications: only a callback could bring them
        var seeded = app.Sandbox.Leads.Store.Search(null, 0, 10).Items.Select(l => Id(l.Id)).ToList();

        using var wrongToken = await NotifyAsync(app, channel.ChannelId, channel.Token + "x", "insert", seeded[0]);
        using var wrongChannel = await NotifyAsync(app, "1" + channel.ChannelId, channel.Token, "insert", seeded[0]);
        using var noToken = await NotifyAsync(app, channel.ChannelId, null, "insert", seeded[0]);
        using var genuine = await NotifyAsync(app, channel.ChannelId, channel.Token, "insert", seeded[1]);
        var runs = await Eventually.ReadAsync(app.RunsAsync, r => r.Any(x => x.Trigger == SyncTrigger.Webhook && x.FinishedAt is not null), "the genuine callback's run finished", WaitLimit);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongChannel.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Null(wrongToken.Headers.Location); // anonymous endpoint: its own refusal, not a sign-in redirect
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var webhookRun = Assert.Single(runs, r => r.Trigger == SyncTrigger.Webhook);
        Assert.Equal(1, webhookRun.Created);
        Assert.Null(await app.LeadByZohoIdAsync(seeded[0]));
        Assert.NotNull(await app.LeadByZohoIdAsync(seeded[1]));
    }

    [Fact]
    public async Task Malformed_callback_gets_400_and_an_oversized_one_413()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        await app.WatchChannelAsync(WaitLimit);
        using var http = app.CreateAnonymousClient();

        using var malformed = await http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative), new StringContent("{\"ids\": [", Encoding.UTF8, "application/json"), Ct);
        using var wrongShape = await http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative), new StringContent("{\"ids\": 5}", Encoding.UTF8, "application/json"), Ct);
        using var huge = await http.PostAsync(new Uri("webhooks/zoho", UriKind.Relative),
            new StringContent("{\"ids\":[\"" + new string('1', 70 * 1024) + "\"]}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.DoesNotContain(await app.RunsAsync(), r => r.Trigger == SyncTrigger.Webhook);
    }

    private static string Email(string lastName) => lastName.ToLowerInvariant() + "@example.com";

    private static string Id(long zohoId) => zohoId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates a lead as a person on the sandbox page would (notifications go out); returns its Zoho id.</summary>
    private static async Task<long> CreateInSandboxAsync(LeadSyncAppFactory app, string lastName, string company)
    {
        var created = await app.Sandbox.Leads.CreateAsync(new SandboxLeadInput { LastName = lastName, Email = Email(lastName), Company = company }, Ct);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Lead!.Id;
    }

    /// <summary>Posts a §5 callback to <c>/webhooks/zoho</c>.</summary>
    private static async Task<HttpResponseMessage> NotifyAsync(LeadSyncAppFactory app, string? channelId, string? token, string operation, params string[] ids)
    {
        using var http = app.CreateAnonymousClient();
        return await http.PostAsJsonAsync(new Uri("webhooks/zoho", UriKind.Relative), new Dictionary<string, object?>
        {
            ["server_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["module"] = "Leads",
            ["resource_uri"] = "https://www.zohoapis.com/crm/v2/Leads",
            ["ids"] = ids,
            ["affected_fields"] = Array.Empty<object>(),
            ["operation"] = operation,
            ["channel_id"] = channelId,
            ["token"] = token,
        }, Ct);
    }
}
