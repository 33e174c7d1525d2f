using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadSync.Core.Data;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync;
using LeadSync.Core.Webhooks;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.Tests.Web.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>The watch channel (§5, pitfall 16): enabled at startup, token kept encrypted, renewed before expiry, re-enabled when lost.</summary>
public sealed class ZohoWebhookChannelTests
{
    /// <summary>How long the app may take to enable its channel.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact] // §5: POST actions/watch with Leads.create/edit/delete, notify_url, token ≤ 50, channel_expiry ≤ 1 week
    public async Task Startup_enables_a_watch_channel_in_the_sandbox_with_the_stored_token()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        using var sandbox = new SandboxHttp(app);

        var channel = await app.WatchChannelAsync(WaitLimit);
        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/actions/watch?channel_id=" + channel.ChannelId);
        var listed = body!["watch"]![0]!.AsObject();
        var state = await app.Services.GetRequiredService<WebhookChannelQueries>().GetAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(channel.ChannelId, listed["channel_id"]!.GetValue<string>());
        Assert.Equal(channel.Token, listed["token"]!.GetValue<string>());
        Assert.Equal(new Uri(app.BaseAddress, "webhooks/zoho").ToString(), listed["notify_url"]!.GetValue<string>());
        Assert.Equal(["Leads.create", "Leads.edit", "Leads.delete"], listed["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.InRange(channel.Token.Length, 40, 50);
        Assert.True(long.TryParse(channel.ChannelId, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        Assert.InRange(channel.Expiry, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7));
        Assert.Equal(channel.ChannelId, state.ChannelId);
        Assert.Equal(channel.Expiry, state.Expiry);
        Assert.Null(state.LastError);
        Assert.NotNull(state.LastRenewedAt);
    }

    [Fact]
    public async Task Verification_token_is_stored_encrypted_and_never_logged()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();

        var channel = await app.WatchChannelAsync(WaitLimit);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.Set<AppSetting>().AsNoTracking().SingleAsync(s => s.Key == WebhookChannelStore.TokenKey, Ct);

        Assert.True(row.IsProtected);
        Assert.DoesNotContain(channel.Token, row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(channel.Token, app.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(channel.ChannelId, app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact] // pitfall 16: channels expire; a channel with less than a day left is extended (PATCH)
    public async Task Channel_near_expiry_is_renewed_in_the_sandbox()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var channel = await app.WatchChannelAsync(WaitLimit);
        await SetStoredExpiryAsync(app, DateTimeOffset.UtcNow.AddHours(3));

        var outcome = await app.ChannelManager.EnsureChannelAsync(Ct);
        var renewed = await app.ChannelStore.GetChannelAsync(Ct);
        var inSandbox = app.Watches.Find(long.Parse(channel.ChannelId, CultureInfo.InvariantCulture));

        Assert.Equal(WebhookChannelOutcome.Renewed, outcome);
        Assert.Equal(channel.ChannelId, renewed!.ChannelId);
        Assert.Equal(channel.Token, renewed.Token);
        Assert.True(renewed.Expiry > DateTimeOffset.UtcNow.AddDays(6.9));
        Assert.True(inSandbox!.Expiry > DateTimeOffset.UtcNow.AddDays(6.9));
        Assert.Single(app.Watches.All());
    }

    [Fact]
    public async Task Channel_with_time_left_is_left_alone()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var channel = await app.WatchChannelAsync(WaitLimit);

        var outcome = await app.ChannelManager.EnsureChannelAsync(Ct);

        Assert.Equal(WebhookChannelOutcome.Current, outcome);
        Assert.Equal(channel, await app.ChannelStore.GetChannelAsync(Ct));
    }

    [Fact] // §5: a PATCH for a channel Zoho no longer has is refused; a fresh channel replaces it
    public async Task Channel_Zoho_no_longer_has_is_enabled_again()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var channel = await app.WatchChannelAsync(WaitLimit);
        await app.Services.GetRequiredService<IZohoClient>().DisableWatchAsync(channel.ChannelId, Ct);
        await SetStoredExpiryAsync(app, DateTimeOffset.UtcNow.AddHours(3));

        var outcome = await app.ChannelManager.EnsureChannelAsync(Ct);
        var replaced = await app.ChannelStore.GetChannelAsync(Ct);

        Assert.Equal(WebhookChannelOutcome.Enabled, outcome);
        Assert.NotEqual(channel.ChannelId, replaced!.ChannelId);
        Assert.NotEqual(channel.Token, replaced.Token);
        var inSandbox = Assert.Single(app.Watches.All());
        Assert.Equal(replaced.ChannelId, inSandbox.ChannelId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(replaced.Token, inSandbox.Token);
    }

    [Fact]
    public async Task Channel_upkeep_waits_while_Zoho_refuses_the_credentials()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        var channel = await app.WatchChannelAsync(WaitLimit);
        await SetStoredExpiryAsync(app, DateTimeOffset.UtcNow.AddHours(3));
        var engine = app.Services.GetRequiredService<EngineStateTracker>();
        engine.Unauthorized("test: Zoho refused the credentials");

        var waiting = await app.ChannelManager.EnsureChannelAsync(Ct);
        var untouched = await app.ChannelStore.GetChannelAsync(Ct);
        engine.Authorized();
        var resumed = await app.ChannelManager.EnsureChannelAsync(Ct);

        Assert.Equal(WebhookChannelOutcome.WaitingForAuthorization, waiting);
        Assert.True(untouched!.Expiry < DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(WebhookChannelOutcome.Renewed, resumed);
        Assert.Equal(channel.ChannelId, (await app.ChannelStore.GetChannelAsync(Ct))!.ChannelId);
    }

    [Fact]
    public async Task Webhooks_Enabled_false_keeps_no_channel()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks(f => f.With("Webhooks:Enabled", "false"));

        var outcome = await app.ChannelManager.EnsureChannelAsync(Ct);
        var state = await app.Services.GetRequiredService<WebhookChannelQueries>().GetAsync(Ct);

        Assert.Equal(WebhookChannelOutcome.Disabled, outcome);
        Assert.Empty(app.Watches.All());
        Assert.False(state.Enabled);
        Assert.Null(state.ChannelId);
    }

    [Fact]
    public async Task Live_mode_without_App_PublicUrl_records_why_no_channel_is_kept()
    {
        await using var app = LeadSyncAppFactory.StartForWebhooks();
        await app.WatchChannelAsync(WaitLimit);
        await app.Services.GetRequiredService<ZohoSettingsStore>().SaveAsync(new ZohoConnectionOverrides { Mode = ZohoMode.Live }, Ct);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.ChannelManager.NotifyUrlAsync(Ct));

        Assert.Contains("App:PublicUrl", ex.Message, StringComparison.Ordinal);
    }

    private static async Task SetStoredExpiryAsync(LeadSyncAppFactory app, DateTimeOffset expiry) =>
        await app.Services.GetRequiredService<SettingsStore>().SetAsync(
            new Dictionary<string, string?> { [WebhookChannelStore.ExpiryKey] = expiry.ToString("O", CultureInfo.InvariantCulture) },
            new HashSet<string>(), Ct);
}
