using LeadSync.Core.Data;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>OAuth against the sandbox's token endpoint (§1.3, §1.4, §7.1–§7.4).</summary>
public sealed class ZohoTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IReadOnlyList<ZohoLead>> AnyCallAsync(ZohoTestClient zoho) => zoho.Client.GetLeadsAsync(["5725767000000000001"], Ct);

    [Fact]
    public async Task The_access_token_is_cached_and_refreshed_five_minutes_before_expiry()
    {
        // §1.4 one hour; §7.1 cache and refresh about 5 minutes early
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var zoho = app.CreateZohoClient(time: time);

        await AnyCallAsync(zoho);
        time.Advance(TimeSpan.FromMinutes(54));
        await AnyCallAsync(zoho);
        Assert.Equal(1, zoho.Observer.TokenCalls);

        time.Advance(TimeSpan.FromMinutes(2)); // 56 min: inside the 5-minute margin, token not yet expired
        await AnyCallAsync(zoho);

        Assert.Equal(2, zoho.Observer.TokenCalls);
        Assert.Equal(3, zoho.Observer.ApiCalls.Count);
        Assert.All(zoho.Observer.ApiCalls, c => Assert.Null(c.ErrorCode));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(600)]
    [InlineData(3600)]
    public async Task Tokens_are_minted_about_once_per_lifetime_whatever_the_lifetime_without_tripping_the_token_throttle(int lifetimeSeconds)
    {
        // §1.4: 10 token requests per 10 minutes. Margin: 5 minutes, at most a quarter of the token's lifetime.
        // Six lifetimes need at most 9 tokens; the sandbox counts them all in one 10-minute window (its clock is real
        // time, the client's is fake), so a single extra token call per lifetime would trip its throttle.
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.Faults(new SandboxFaultPatch { AccessTokenLifetimeSeconds = lifetimeSeconds });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var zoho = app.CreateZohoClient(time: time);
        var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        var span = lifetime * 6;
        var step = lifetime / 20;

        for (var elapsed = TimeSpan.Zero; elapsed <= span; elapsed += step)
        {
            await AnyCallAsync(zoho);
            time.Advance(step);
        }

        var used = lifetime - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, (lifetime / 4).Ticks));
        var bound = (int)Math.Ceiling(span / used) + 1;
        Assert.InRange(zoho.Observer.TokenCalls, 6, bound);
        Assert.Equal(121, zoho.Observer.ApiCalls.Count);
        Assert.All(zoho.Observer.Calls, c => Assert.Null(c.ErrorCode));
    }

    [Fact]
    public async Task Sixty_second_tokens_with_a_call_every_two_seconds_for_ten_minutes_cost_one_token_per_45_seconds()
    {
        // The case: with the fixed 5-minute margin every call minted a token and the 11th was throttled
        // (about 21 s in). A 60 s token needs at least 10 per 10 minutes by itself, so the sandbox's limit is raised
        // here: this counts the calls, the theory above shows the throttle untouched.
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:TokenRequestsPer10Minutes", "100");
        app.Faults(new SandboxFaultPatch { AccessTokenLifetimeSeconds = 60 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var zoho = app.CreateZohoClient(time: time);

        for (var second = 0; second <= 600; second += 2)
        {
            await AnyCallAsync(zoho);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.InRange(zoho.Observer.TokenCalls, 10, (int)Math.Ceiling(600 / 45.0) + 1);
        Assert.All(zoho.Observer.Calls, c => Assert.Null(c.ErrorCode));
    }

    [Fact]
    public async Task A_token_stored_without_its_obtained_time_is_reused_and_refreshed_a_quarter_of_its_lifetime_early()
    {
        // Rows written before the payload carried ObtainedAt: the row's UpdatedAt (written with the token) stands in.
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.Faults(new SandboxFaultPatch { AccessTokenLifetimeSeconds = 60 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using (var first = app.CreateZohoClient(time: time))
        {
            await AnyCallAsync(first);
            var token = await first.Tokens.GetAsync(await first.Settings.GetAsync(Ct), null, Ct);
            await RewriteAsOldPayloadAsync(app, token);
        }

        using var second = app.CreateZohoClient(time: time);
        time.Advance(TimeSpan.FromSeconds(40));
        await AnyCallAsync(second);
        Assert.Equal(0, second.Observer.TokenCalls);

        time.Advance(TimeSpan.FromSeconds(6)); // 46 s: inside the last quarter of its minute
        await AnyCallAsync(second);
        Assert.Equal(1, second.Observer.TokenCalls);
        Assert.All(second.Observer.Calls, c => Assert.Null(c.ErrorCode));
    }

    [Fact]
    public async Task Fifty_concurrent_callers_with_an_expired_token_cause_exactly_one_token_call()
    {
        // §7.1: serialise refreshes; one in flight for all callers
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var zoho = app.CreateZohoClient(time: time);
        await AnyCallAsync(zoho);
        time.Advance(TimeSpan.FromHours(2));
        zoho.Observer.Clear();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => AnyCallAsync(zoho), Ct)));

        Assert.Equal(1, zoho.Observer.TokenCalls);
        Assert.Equal(50, zoho.Observer.ApiCalls.Count);
    }

    [Fact]
    public async Task Invalid_token_causes_one_refresh_and_one_retry()
    {
        // §1.6, §3 INVALID_TOKEN 401: refresh once, retry once
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await AnyCallAsync(zoho);
        await app.Sandbox.ExpireAccessTokensAsync(Ct);
        zoho.Observer.Clear();

        await AnyCallAsync(zoho);

        var calls = zoho.Observer.Calls;
        Assert.Equal(3, calls.Count);
        Assert.Equal((401, "INVALID_TOKEN"), (calls[0].Status!.Value, calls[0].ErrorCode));
        Assert.EndsWith("/oauth/v2/token", calls[1].Path, StringComparison.Ordinal);
        Assert.Equal(200, calls[1].Status);
        Assert.Equal(204, calls[2].Status);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    public async Task A_throttled_token_endpoint_gives_TokenThrottled_and_is_not_called_again_during_the_back_off(int throttleStatus)
    {
        // §1.3 "Access Denied" under 200 or 400; §1.4 10 per 10 minutes; back off for minutes
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:TokenRequestsPer10Minutes", "2").With("Sandbox:TokenThrottleStatusCode", throttleStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var zoho = app.CreateZohoClient(time: time);
        await AnyCallAsync(zoho);
        await app.Sandbox.ExpireAccessTokensAsync(Ct);
        await AnyCallAsync(zoho); // second token call, still allowed
        await app.Sandbox.ExpireAccessTokensAsync(Ct);

        var throttled = await Assert.ThrowsAsync<ZohoApiException>(() => AnyCallAsync(zoho));
        var again = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.EnsureAuthorizedAsync(Ct));
        time.Advance(TimeSpan.FromMinutes(4));
        var stillBackingOff = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.EnsureAuthorizedAsync(Ct));

        Assert.Equal(ZohoFailureKind.TokenThrottled, throttled.Kind);
        Assert.Equal(ZohoFailureKind.TokenThrottled, again.Kind);
        Assert.Equal(ZohoFailureKind.TokenThrottled, stillBackingOff.Kind);
        Assert.Equal(3, zoho.Observer.TokenCalls);

        app.Sandbox.ResetTokenThrottle();
        time.Advance(TimeSpan.FromMinutes(2)); // past the default 5-minute back-off
        await zoho.Client.EnsureAuthorizedAsync(Ct);
        Assert.Equal(4, zoho.Observer.TokenCalls);
    }

    [Fact]
    public async Task A_revoked_refresh_token_gives_RefreshTokenRevoked()
    {
        // §1.3 invalid_code (HTTP 200): re-authorise
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await AnyCallAsync(zoho);
        await app.Sandbox.RevokeRefreshTokenAsync(Ct);

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => AnyCallAsync(zoho));

        Assert.Equal(ZohoFailureKind.RefreshTokenRevoked, error.Kind);
        Assert.True(error.IsAuthorizationProblem);
        Assert.Equal("invalid_code", error.Code);
        Assert.Contains("revoked or invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("new refresh token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_client_names_the_data_centre_and_the_accounts_host_used()
    {
        // §1.3 invalid_client, §7.3 wrong DC
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var accounts = new Uri(app.BaseAddress, "sandbox/zoho").ToString();
        var sandbox = await app.SandboxCredentialsAsync();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o =>
        {
            o.Mode = ZohoMode.Live;
            o.DataCenter = ZohoDataCenter.EU;
            o.AccountsUrl = accounts;
            o.ClientId = sandbox.ClientId;
            o.ClientSecret = "wrong-secret";
            o.RefreshToken = sandbox.RefreshToken;
        }));

        var error = await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.EnsureAuthorizedAsync(Ct));

        Assert.Equal(ZohoFailureKind.InvalidClient, error.Kind);
        Assert.True(error.IsAuthorizationProblem);
        Assert.Contains("client id or client secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("EU data centre", error.Message, StringComparison.Ordinal);
        Assert.Contains(accounts.TrimEnd('/'), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_stored_encrypted_and_reused_by_another_client_instance()
    {
        // §1.4: restarts and other instances reuse the token instead of minting new ones
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var first = app.CreateZohoClient();
        await AnyCallAsync(first);
        var settings = await first.Settings.GetAsync(Ct);
        var token = await first.Tokens.GetAsync(settings, null, Ct);

        using var second = app.CreateZohoClient();
        await AnyCallAsync(second);

        Assert.Equal(1, first.Observer.TokenCalls);
        Assert.Equal(0, second.Observer.TokenCalls);
        Assert.Null(Assert.Single(second.Observer.ApiCalls).ErrorCode);
        var raw = await ReadColumnAsync(app, "SELECT \"ProtectedPayload\" FROM \"ZohoTokens\"");
        var stored = Assert.Single(raw);
        Assert.DoesNotContain(token.Token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token.Split('.')[1], stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_credentials_drops_the_cached_token_and_encrypts_the_stored_secrets()
    {
        // §1.4: a token is bound to the credentials that minted it; run-time change without restart
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var sandbox = await app.SandboxCredentialsAsync();
        using var zoho = app.CreateZohoClient(ZohoTestClients.FastOptions(o =>
        {
            o.Mode = ZohoMode.Live;
            o.AccountsUrl = new Uri(app.BaseAddress, "sandbox/zoho").ToString();
            o.ClientId = sandbox.ClientId;
            o.ClientSecret = sandbox.ClientSecret;
            o.RefreshToken = sandbox.RefreshToken;
        }));
        await AnyCallAsync(zoho);

        await zoho.SettingsStore.SaveAsync(new ZohoConnectionOverrides { RefreshToken = "1000.other.refresh-token-value" }, Ct);
        var error = await Assert.ThrowsAsync<ZohoApiException>(() => AnyCallAsync(zoho));

        Assert.Equal(ZohoFailureKind.RefreshTokenRevoked, error.Kind);
        Assert.Equal(2, zoho.Observer.TokenCalls);
        Assert.Single(zoho.Observer.ApiCalls);
        var values = await ReadColumnAsync(app, "SELECT \"Value\" FROM \"Settings\"");
        Assert.DoesNotContain(values, v => v.Contains("1000.other.refresh-token-value", StringComparison.Ordinal));

        await zoho.SettingsStore.SaveAsync(ZohoConnectionOverrides.None, Ct);
        await AnyCallAsync(zoho); // back to the configured credentials: their stored token is still good
        Assert.Equal(2, zoho.Observer.TokenCalls);
    }

    /// <summary>Rewrites the stored token's payload as it was before ObtainedAt was added (token and api_domain only).</summary>
    private static async Task RewriteAsOldPayloadAsync(LeadSyncAppFactory app, ZohoAccessToken token)
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("LeadSync.Zoho.AccessToken.v1");
        var payload = protector.Protect(System.Text.Json.JsonSerializer.Serialize(new { token.Token, token.ApiDomain }));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        var updated = await db.Set<ZohoStoredToken>().Where(t => t.CredentialsKey == token.CredentialsKey)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ProtectedPayload, payload), Ct);
        Assert.Equal(1, updated);
    }

    private static async Task<List<string>> ReadColumnAsync(LeadSyncAppFactory app, string sql)
    {
        string connectionString;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct))
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
