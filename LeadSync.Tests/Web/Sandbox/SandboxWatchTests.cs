using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>The Notification API (§5): channels, and callbacks for API writes and for edits made on the sandbox page.</summary>
public sealed class SandboxWatchTests
{
    private static JsonObject Channel(Uri notifyUrl, string token = "verify-me", params string[] events) => new()
    {
        ["watch"] = new JsonArray(new JsonObject
        {
            ["channel_id"] = "1000000068001",
            ["events"] = new JsonArray([.. (events.Length == 0 ? ["Leads.all"] : events).Select(e => (JsonNode)e)]),
            ["notify_url"] = notifyUrl.ToString(),
            ["token"] = token,
        }),
    };

    private static Uri OwnWebhook(LeadSyncAppFactory app) => new(app.Start(), "webhooks/zoho");

    [Theory] // the sandbox never posts where a caller chooses: only this app's own webhook (query parameters allowed)
    [InlineData("http://127.0.0.1:9/cb")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://attacker.example/webhooks/zoho")]
    [InlineData("{own}/webhooks/zoho-other")]
    [InlineData("{own}/api/leads")]
    [InlineData("http://user:pass@{authority}/webhooks/zoho")]
    public async Task A_channel_pointing_anywhere_but_this_apps_own_webhook_is_refused_and_not_kept(string notifyUrl)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var own = app.Start();
        var target = new Uri(notifyUrl.Replace("{own}", own.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("{authority}", own.Authority, StringComparison.Ordinal));

        var (status, body) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(target));
        var (okStatus, _) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(new Uri(OwnWebhook(app) + "?tenant=42")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_DATA", body!["watch"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("notify_url", body["watch"]![0]!["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, okStatus);
        var (_, listed) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/actions/watch");
        Assert.StartsWith(OwnWebhook(app).ToString(), Assert.Single(listed!["watch"]!.AsArray())!["notify_url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact] // §5: enable, then an API insert posts {operation:"insert", ids, token, channel_id, query_params}
    public async Task Enabled_channel_receives_a_callback_for_an_api_insert()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var app = receiver.AllowedBy(new LeadSyncAppFactory());
        using var sandbox = new SandboxHttp(app);

        var (status, enabled) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(receiver.NotifyUrl));
        var ids = await sandbox.InsertAsync(SandboxHttp.Lead("Hook", "hook@example.com"), SandboxHttp.Lead("Hook2", "hook2@example.com"));
        var callback = await receiver.WaitForAsync(c => c["operation"]!.GetValue<string>() == "insert");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SUCCESS", enabled!["watch"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(ids.Order(StringComparer.Ordinal), callback["ids"]!.AsArray().Select(i => i!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("verify-me", callback["token"]!.GetValue<string>());
        Assert.Equal("1000000068001", callback["channel_id"]!.GetValue<string>());
        Assert.Equal("Leads", callback["module"]!.GetValue<string>());
        Assert.Equal("42", callback["query_params"]!["tenant"]!.GetValue<string>());
        Assert.True(callback["server_time"]!.GetValue<long>() > 0);
    }

    [Fact] // §5: edits and deletes made by a person on the sandbox page notify like API writes
    public async Task Sandbox_page_edits_and_deletes_send_update_and_delete_callbacks()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var app = receiver.AllowedBy(new LeadSyncAppFactory());
        using var sandbox = new SandboxHttp(app);
        await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(receiver.NotifyUrl, "t", "Leads.edit", "Leads.delete"));
        var id = (await sandbox.InsertAsync(SandboxHttp.Lead("Person", "person@example.com")))[0];
        var leads = sandbox.Control.Leads;
        var key = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);

        var edited = await leads.EditAsync(key, new SandboxLeadInput { LastName = "Person", Email = "person@example.com", LeadStatus = "Contacted" }, SandboxHttp.Ct);
        var update = await receiver.WaitForAsync(c => c["operation"]!.GetValue<string>() == "update");
        await leads.DeleteAsync(key, SandboxHttp.Ct);
        var delete = await receiver.WaitForAsync(c => c["operation"]!.GetValue<string>() == "delete");

        Assert.True(edited.Succeeded);
        Assert.Equal([id], update["ids"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal([id], delete["ids"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact] // §5: token ≤ 50 characters; missing notify_url is MANDATORY_NOT_FOUND
    public async Task Channel_with_a_token_over_50_characters_or_without_notify_url_is_rejected()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (longStatus, longBody) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(OwnWebhook(app), new string('t', 51)));
        var noUrl = Channel(OwnWebhook(app));
        noUrl["watch"]![0]!.AsObject().Remove("notify_url");
        var (_, noUrlBody) = await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", noUrl);

        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.Equal("INVALID_DATA", longBody!["watch"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("token", longBody["watch"]![0]!["details"]!["api_name"]!.GetValue<string>());
        Assert.Equal("MANDATORY_NOT_FOUND", noUrlBody!["watch"]![0]!["code"]!.GetValue<string>());
    }

    [Fact] // §5: GET lists channels, PATCH extends expiry (capped at one week), DELETE disables
    public async Task Channels_can_be_listed_renewed_and_disabled()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.CallAsync(HttpMethod.Post, "crm/v8/actions/watch", Channel(OwnWebhook(app)));
        var inSixDays = DateTimeOffset.UtcNow.AddDays(6).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

        var (patchStatus, _) = await sandbox.CallAsync(HttpMethod.Patch, "crm/v8/actions/watch", new JsonObject
        {
            ["watch"] = new JsonArray(new JsonObject { ["channel_id"] = "1000000068001", ["channel_expiry"] = inSixDays }),
        });
        var (_, listed) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/actions/watch");
        var (deleteStatus, deleted) = await sandbox.CallAsync(HttpMethod.Delete, "crm/v8/actions/watch?channel_ids=1000000068001");
        using var after = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/actions/watch");

        Assert.Equal(HttpStatusCode.OK, patchStatus);
        var expiry = DateTimeOffset.Parse(listed!["watch"]![0]!["channel_expiry"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expiry > DateTimeOffset.UtcNow.AddDays(5));
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal("Successfully un-subscribed from actions-watch", deleted!["watch"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
    }
}
