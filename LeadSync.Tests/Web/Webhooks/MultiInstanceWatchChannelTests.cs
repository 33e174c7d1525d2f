using LeadSync.Core.Webhooks;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// One Zoho watch channel per deployment (issue 14.3): two instances on one PostgreSQL database, started together and
/// then asked to check the channel at the same moment, keep exactly one channel at Zoho.
/// </summary>
public sealed class MultiInstanceWatchChannelTests : IAsyncLifetime
{
    private const string PublicUrl = "http://127.0.0.1:9/"; // the deployment's address (nothing listens: callbacks are not the point)
    private string database = string.Empty;
    private string connectionString = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Ct);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);

    [Fact]
    public async Task Two_instances_starting_together_keep_one_watch_channel()
    {
        // Zoho: a sandbox of its own, which may notify the deployment's public address.
        await using var zoho = new LeadSyncAppFactory().WithQuietEngine().With("Sandbox:NotifyUrlAllowList:0", PublicUrl);
        var sandbox = new Uri(zoho.Start(), "sandbox/zoho");
        var credentials = await zoho.SandboxCredentialsAsync();
        LeadSyncAppFactory Instance() => new LeadSyncAppFactory()
            .UsePostgres(connectionString)
            .With("Sync:PullInterval", "00:00:00")
            .With("Webhooks:Enabled", "true")
            .With("App:PublicUrl", PublicUrl)
            .UseLiveZoho(sandbox, credentials);
        await using var first = Instance();
        await using var second = Instance();

        await Task.WhenAll(Task.Run(first.Start, Ct), Task.Run(second.Start, Ct));
        for (var i = 0; i < 3; i++)
        {
            await Task.WhenAll(
                first.Services.GetRequiredService<WebhookChannelManager>().EnsureChannelAsync(Ct),
                second.Services.GetRequiredService<WebhookChannelManager>().EnsureChannelAsync(Ct));
        }

        var channels = zoho.Services.GetRequiredService<SandboxWatchRegistry>().All();
        var channel = Assert.Single(channels);
        var stored = await first.Services.GetRequiredService<WebhookChannelStore>().GetChannelAsync(Ct);
        Assert.Equal(channel.ChannelId.ToString(System.Globalization.CultureInfo.InvariantCulture), stored!.ChannelId);
        Assert.Equal(new Uri(new Uri(PublicUrl), "webhooks/zoho").ToString(), channel.NotifyUrl);
    }
}
