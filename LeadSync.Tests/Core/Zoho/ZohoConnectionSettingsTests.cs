using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Which hosts the client talks to (§1.1) and how the sandbox address is found.</summary>
public sealed class ZohoConnectionSettingsTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new LeadSyncAppFactory().WithQuietEngine();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData(ZohoDataCenter.US, "https://accounts.zoho.com", "https://www.zohoapis.com")]
    [InlineData(ZohoDataCenter.EU, "https://accounts.zoho.eu", "https://www.zohoapis.eu")]
    [InlineData(ZohoDataCenter.IN, "https://accounts.zoho.in", "https://www.zohoapis.in")]
    [InlineData(ZohoDataCenter.AU, "https://accounts.zoho.com.au", "https://www.zohoapis.com.au")]
    [InlineData(ZohoDataCenter.JP, "https://accounts.zoho.jp", "https://www.zohoapis.jp")]
    [InlineData(ZohoDataCenter.CN, "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn")]
    [InlineData(ZohoDataCenter.CA, "https://accounts.zohocloud.ca", "https://www.zohoapis.ca")]
    [InlineData(ZohoDataCenter.SA, "https://accounts.zoho.sa", "https://www.zohoapis.sa")]
    public async Task Each_data_centre_derives_its_accounts_and_api_hosts(ZohoDataCenter dataCenter, string accounts, string api)
    {
        // §1.1 (Canada: zohocloud.ca, §7.3)
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o =>
        {
            o.Mode = ZohoMode.Live;
            o.DataCenter = dataCenter;
        }));

        var settings = await zoho.Settings.GetAsync(Ct);

        Assert.Equal(accounts, settings.AccountsUrl);
        Assert.Equal(accounts + "/oauth/v2/token", settings.TokenUrl);
        Assert.Equal(api, settings.ApiBase(null));
    }

    [Fact]
    public async Task The_api_domain_from_the_token_response_is_used_unless_ApiBaseUrl_overrides_it()
    {
        // §1.1: use api_domain from the token response
        using var plain = app.CreateZohoClient(ZohoTestClients.FastOptions(o => o.Mode = ZohoMode.Live));
        using var overridden = app.CreateZohoClient(ZohoTestClients.FastOptions(o =>
        {
            o.Mode = ZohoMode.Live;
            o.AccountsUrl = "https://accounts.example.test/";
            o.ApiBaseUrl = "https://api.example.test/";
        }));

        var a = await plain.Settings.GetAsync(Ct);
        var b = await overridden.Settings.GetAsync(Ct);

        Assert.Equal("https://www.zohoapis.eu", a.ApiBase("https://www.zohoapis.eu"));
        Assert.Equal("https://accounts.example.test/oauth/v2/token", b.TokenUrl);
        Assert.Equal("https://api.example.test", b.ApiBase("https://www.zohoapis.eu"));
    }

    [Fact]
    public async Task Without_credentials_the_client_uses_the_sandbox_of_the_app_and_its_sandbox_credentials()
    {
        // Sandbox mode: {base}/sandbox/zoho with exactly the credentials the sandbox accepts
        using var zoho = app.CreateZohoClient(new ZohoOptions());

        var settings = await zoho.Settings.GetAsync(Ct);

        Assert.Equal(ZohoMode.Sandbox, settings.Mode);
        Assert.Equal(new Uri(app.BaseAddress, "sandbox/zoho").ToString().TrimEnd('/'), settings.AccountsUrl);
        Assert.Equal("127.0.0.1", new Uri(settings.AccountsUrl).Host);
        Assert.Equal((await app.SandboxCredentialsAsync()).ClientId, settings.ClientId);
        Assert.True(settings.HasCredentials);
    }

    [Fact]
    public async Task Stored_overrides_switch_mode_and_data_centre_without_restart()
    {
        // Settings page overrides: read per call
        using var zoho = app.CreateZohoClient(new ZohoOptions());
        await zoho.SettingsStore.SaveAsync(new ZohoConnectionOverrides { Mode = ZohoMode.Live, DataCenter = ZohoDataCenter.CA, ClientId = "1000.LIVE", ClientSecret = "live-secret-value", RefreshToken = "live-refresh-value" }, Ct);

        var live = await zoho.Settings.GetAsync(Ct);
        await zoho.SettingsStore.SaveAsync(ZohoConnectionOverrides.None, Ct);
        var back = await zoho.Settings.GetAsync(Ct);

        Assert.Equal(ZohoMode.Live, live.Mode);
        Assert.Equal("https://accounts.zohocloud.ca", live.AccountsUrl);
        Assert.Equal("1000.LIVE", live.ClientId);
        Assert.Equal("live-secret-value", live.ClientSecret);
        Assert.DoesNotContain("live-secret-value", live.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("live-refresh-value", live.ToString(), StringComparison.Ordinal);
        Assert.Equal(ZohoMode.Sandbox, back.Mode);
    }
}
