using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// The built-in sandbox is no way in (issue 11.1): no credential is committed, it serves nothing once Live is in
/// effect (however Live was chosen), answers only callers on this machine, and revoking needs the client's secret.
/// </summary>
public sealed class SandboxSecurityTests
{
    /// <summary>The credentials a committed appsettings.json used to hold: they open nothing now.</summary>
    private static readonly ZohoClientCredentials OldCommittedCredentials = new("1000.SANDBOXCLIENT", "sandbox-client-secret", "1000.sandbox.refresh-token");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void No_sandbox_credential_is_committed_in_the_apps_configuration_files()
    {
        var web = Path.Combine(RepositoryRoot(), "LeadSync.Web");
        foreach (var file in Directory.GetFiles(web, "appsettings*.json").Append(Path.Combine(RepositoryRoot(), "appsettings.Development.json")))
        {
            var sandbox = JsonNode.Parse(File.ReadAllText(file))?["Sandbox"];
            Assert.Null(sandbox?["ClientId"]);
            Assert.Null(sandbox?["ClientSecret"]);
            Assert.Null(sandbox?["RefreshToken"]);
        }
    }

    [Fact]
    public async Task Each_install_generates_its_own_credentials_stored_encrypted_and_the_old_fixed_ones_are_refused()
    {
        await using var first = new LeadSyncAppFactory();
        await using var second = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(first);

        var a = await first.SandboxCredentialsAsync();
        var b = await second.SandboxCredentialsAsync();
        var (_, old) = await sandbox.RequestTokenAsync(OldCommittedCredentials.ClientId, OldCommittedCredentials.ClientSecret, OldCommittedCredentials.RefreshToken);
        var (_, own) = await sandbox.RequestTokenAsync();

        Assert.NotEqual(a.ClientId, b.ClientId);
        Assert.NotEqual(a.ClientSecret, b.ClientSecret);
        Assert.NotEqual(a.RefreshToken, b.RefreshToken);
        Assert.Equal("invalid_client", old["error"]!.GetValue<string>());
        Assert.NotNull(own["access_token"]);

        var stored = await ReadSettingsAsync(first);
        Assert.Contains(stored, s => s.Contains(a.ClientId, StringComparison.Ordinal)); // the client id is not a secret
        Assert.DoesNotContain(stored, s => s.Contains(a.ClientSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, s => s.Contains(a.RefreshToken.Split('.')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_survive_a_restart_and_explicit_configuration_wins()
    {
        await using var app = new LeadSyncAppFactory();
        var generated = await app.SandboxCredentialsAsync();
        await using var restarted = new LeadSyncAppFactory().With("Database:SqlitePath", Path.Combine(app.DataDirectory, "leadsync.db"));
        await using var configured = new LeadSyncAppFactory()
            .With("Sandbox:ClientId", "1000.AUTOMATION").With("Sandbox:ClientSecret", "automation-secret-value").With("Sandbox:RefreshToken", "1000.automation.token");
        using var automation = new SandboxHttp(configured);

        Assert.Equal(generated, await restarted.SandboxCredentialsAsync());
        Assert.Equal("1000.AUTOMATION", (await configured.SandboxCredentialsAsync()).ClientId);
        var (_, token) = await automation.RequestTokenAsync("1000.AUTOMATION", "automation-secret-value", "1000.automation.token");
        Assert.NotNull(token["access_token"]);
    }

    public static TheoryData<string, string?[]> LiveConfigurations => new()
    {
        { "Zoho:Mode=Live", ["Zoho:Mode", "Live"] },
        { "Live credentials, Zoho:Mode unset", ["Zoho:ClientId", "1000.LIVE", "Zoho:ClientSecret", "live-secret-value", "Zoho:RefreshToken", "1000.live.refresh"] },
    };

    [Theory]
    [MemberData(nameof(LiveConfigurations))]
    public async Task Nothing_under_sandbox_zoho_is_served_when_configuration_means_Live(string because, string?[] settings)
    {
        await using var app = new LeadSyncAppFactory();
        for (var i = 0; i < settings.Length; i += 2)
        {
            app.With(settings[i]!, settings[i + 1]);
        }

        using var anonymous = app.CreateCookieClient();
        using var admin = await app.CreateAdminClientAsync();

        foreach (var (client, method, path) in SandboxRequests(anonymous, admin))
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{because}: {method} {path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Choosing_Live_on_the_settings_page_closes_the_sandbox_at_once_and_Sandbox_opens_it_again()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var id = (await sandbox.InsertAsync(SandboxHttp.Lead("Synced Earlier", "earlier@example.com")))[0];
        var connection = app.Services.GetRequiredService<ZohoConnectionService>();

        await connection.SaveAsync(new ZohoConnectionUpdate(ZohoMode.Live, ZohoDataCenter.EU, "1000.LIVE", "live-secret-value", "1000.live.refresh"), Ct);
        using var closedRead = await sandbox.SendAsync(HttpMethod.Get, $"crm/v8/Leads/{id}");
        var (closedTokenStatus, _) = await TokenStatusAsync(sandbox);

        await connection.SaveAsync(new ZohoConnectionUpdate(ZohoMode.Sandbox, ZohoDataCenter.EU, null), Ct);
        var reopened = await sandbox.GetLeadAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, closedRead.StatusCode); // the lead synced in Sandbox mode is not readable
        Assert.Equal(HttpStatusCode.NotFound, closedTokenStatus);
        Assert.Equal("Synced Earlier", reopened!["Last_Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_caller_from_another_address_is_refused_and_a_loopback_caller_is_served()
    {
        await using var app = new LeadSyncAppFactory();
        using var remote = RemoteClient(app);
        using var local = new SandboxHttp(app);

        var credentials = await app.SandboxCredentialsAsync();
        using var remoteToken = await remote.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), TokenForm(credentials), Ct);
        using var remoteList = await remote.GetAsync(new Uri("crm/v8/Leads?fields=Email", UriKind.Relative), Ct);
        var (localStatus, localBody) = await local.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Forbidden, remoteToken.StatusCode);
        Assert.Contains("callers on this machine only", await remoteToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, remoteList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, localStatus);
        Assert.NotNull(localBody["access_token"]);
    }

    [Fact]
    public async Task A_caller_from_another_address_is_refused_by_the_bulk_endpoints_even_with_a_valid_token()
    {
        await using var app = new LeadSyncAppFactory();
        using var local = new SandboxHttp(app);
        using var remote = RemoteClient(app);
        remote.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken " + await local.AccessTokenAsync());

        foreach (var (method, path) in new[] { (HttpMethod.Post, "crm/v8/upload"), (HttpMethod.Post, "crm/bulk/v8/read"), (HttpMethod.Get, "crm/bulk/v8/write/1") })
        {
            using var response = await remote.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode}");
        }

        Assert.Equal(0, local.Control.State().CreditsUsed);
    }

    [Fact]
    public async Task AllowRemoteCallers_opens_the_sandbox_to_other_addresses()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:AllowRemoteCallers", "true");
        using var remote = RemoteClient(app);

        using var token = await remote.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), TokenForm(await app.SandboxCredentialsAsync()), Ct);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Contains("access_token", await token.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task A_request_that_came_through_a_proxy_is_refused_even_on_loopback(string header, string value)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/v2/token", UriKind.Relative)) { Content = TokenForm(await app.SandboxCredentialsAsync()) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await sandbox.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Revoking_without_the_clients_secret_is_refused_and_the_sync_keeps_its_token()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var credentials = await sandbox.CredentialsAsync();

        using var bare = await sandbox.Http.PostAsync(
            new Uri("oauth/v2/token/revoke?token=" + Uri.EscapeDataString(credentials.RefreshToken), UriKind.Relative), null, Ct);
        using var wrong = await sandbox.Http.PostAsync(
            new Uri($"oauth/v2/token/revoke?token={Uri.EscapeDataString(credentials.RefreshToken)}&client_id={credentials.ClientId}&client_secret=guess", UriKind.Relative), null, Ct);
        var (_, after) = await sandbox.RequestTokenAsync();

        Assert.Contains("invalid_client", await bare.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("invalid_client", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotNull(after["access_token"]);
        Assert.False(sandbox.Control.State().RefreshTokenRevoked);
    }

    [Theory] // §1.3 allows HTTP Basic client credentials; a malformed header is invalid_client, not a 500
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic bm9jb2xvbg==")] // "nocolon"
    [InlineData("Basic //79")] // invalid UTF-8
    [InlineData("Basic")]
    public async Task A_malformed_basic_header_on_the_token_endpoint_is_invalid_client(string authorization)
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/v2/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await sandbox.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("invalid_client", JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_well_formed_basic_header_with_the_right_client_gets_a_token()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var credentials = await sandbox.CredentialsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/v2/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = credentials.RefreshToken }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials.ClientId}:{credentials.ClientSecret}")));

        using var response = await sandbox.Http.SendAsync(request, Ct);

        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["access_token"]);
    }

    private static IEnumerable<(HttpClient Client, HttpMethod Method, string Path)> SandboxRequests(HttpClient anonymous, HttpClient admin) =>
    [
        (anonymous, HttpMethod.Post, "sandbox/zoho/oauth/v2/token"),
        (anonymous, HttpMethod.Post, "sandbox/zoho/oauth/v2/token/revoke"),
        (anonymous, HttpMethod.Get, "sandbox/zoho/crm/v8/Leads"),
        (anonymous, HttpMethod.Get, "sandbox/zoho/crm/v8/actions/watch"),
        (anonymous, HttpMethod.Post, "sandbox/zoho/crm/v8/upload"),
        (anonymous, HttpMethod.Post, "sandbox/zoho/crm/bulk/v8/write"),
        (anonymous, HttpMethod.Get, "sandbox/zoho/crm/bulk/v8/read/5725767000900000001/result"),
        (admin, HttpMethod.Get, "sandbox/zoho/_control/state"),
        (admin, HttpMethod.Post, "sandbox/zoho/_control/refresh-token/revoke"),
    ];

    private static async Task<(HttpStatusCode Status, string Body)> TokenStatusAsync(SandboxHttp sandbox)
    {
        using var response = await sandbox.Http.PostAsync(new Uri("oauth/v2/token", UriKind.Relative), TokenForm(await sandbox.CredentialsAsync()), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static FormUrlEncodedContent TokenForm(ZohoClientCredentials credentials) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = credentials.ClientId,
        ["client_secret"] = credentials.ClientSecret,
        ["refresh_token"] = credentials.RefreshToken,
    });

    /// <summary>
    /// A client whose connections leave from this machine's non-loopback address (the socket is bound to it before it
    /// connects to the app's loopback port), so the app sees a caller that is not on loopback — a real remote address,
    /// no header trick.
    /// </summary>
    private static HttpClient RemoteClient(LeadSyncAppFactory app)
    {
        var external = ExternalAddress();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(external, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(app.Start(), "sandbox/zoho/") };
    }

    /// <summary>This machine's first non-loopback IPv4 address: a caller from it is not a loopback caller.</summary>
    private static IPAddress ExternalAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This test needs a non-loopback IPv4 address on the machine (none is up).");

    private static async Task<List<string>> ReadSettingsAsync(LeadSyncAppFactory app)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "leadsync.db")};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Key\" || '=' || COALESCE(\"Value\", '') FROM \"Settings\"";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LeadSync.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LeadSync.sln not found above " + AppContext.BaseDirectory);
    }
}
