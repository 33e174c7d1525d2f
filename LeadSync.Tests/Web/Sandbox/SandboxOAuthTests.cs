using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>The sandbox's Zoho Accounts: §1.3 (token grant and errors), §1.4 (limits), §1.5 (revoke), §1.6 (API auth).</summary>
public sealed class SandboxOAuthTests
{
    [Fact] // §1.3
    public async Task Token_request_with_sandbox_credentials_returns_a_bearer_token_and_the_sandbox_api_domain()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("1000.", body["access_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(new Uri(sandbox.Http.BaseAddress!, ".").ToString().TrimEnd('/'), body["api_domain"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
    }

    [Fact] // §1.3: errors are HTTP 200 with an error key
    public async Task Wrong_client_secret_answers_200_with_invalid_client()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.RequestTokenAsync(clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Null(body["access_token"]);
    }

    [Fact] // §1.3
    public async Task Wrong_refresh_token_answers_200_with_invalid_code()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        var (status, body) = await sandbox.RequestTokenAsync(refreshToken: "1000.not.mine");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid_code", body["error"]!.GetValue<string>());
    }

    [Fact] // §1.4: revoked refresh token → invalid_code, and its access tokens stop working
    public async Task Revoked_refresh_token_gives_invalid_code_until_restored()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();

        await sandbox.Control.RevokeRefreshTokenAsync(SandboxHttp.Ct);
        var (_, revoked) = await sandbox.RequestTokenAsync();
        var (apiStatus, apiBody) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");
        await sandbox.Control.RestoreRefreshTokenAsync(SandboxHttp.Ct);
        var (_, restored) = await sandbox.RequestTokenAsync();

        Assert.Equal("invalid_code", revoked["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, apiStatus);
        Assert.Equal("INVALID_TOKEN", apiBody!["code"]!.GetValue<string>());
        Assert.NotNull(restored["access_token"]);
    }

    [Fact] // §1.5, plus the sandbox's own rule: revoking needs the client's id and secret
    public async Task Revoke_endpoint_revokes_the_refresh_token_for_the_client_that_owns_it()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        var credentials = await sandbox.CredentialsAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        });
        using var response = await sandbox.Http.PostAsync(
            new Uri("oauth/v2/token/revoke?token=" + Uri.EscapeDataString(credentials.RefreshToken), UriKind.Relative), form, SandboxHttp.Ct);
        var (_, after) = await sandbox.RequestTokenAsync();

        Assert.Contains("\"success\"", await response.Content.ReadAsStringAsync(SandboxHttp.Ct), StringComparison.Ordinal);
        Assert.Equal("invalid_code", after["error"]!.GetValue<string>());
    }

    [Fact] // §1.3 / §1.4: more than 10 token requests per 10 minutes → "Access Denied"
    public async Task Eleventh_token_request_within_ten_minutes_is_throttled_with_access_denied()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        for (var i = 0; i < 10; i++)
        {
            var (_, ok) = await sandbox.RequestTokenAsync();
            Assert.NotNull(ok["access_token"]);
        }

        var (status, body) = await sandbox.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Access Denied", body["error"]!.GetValue<string>());
        Assert.Equal("failure", body["status"]!.GetValue<string>());
        Assert.Null(body["access_token"]);
    }

    [Fact] // §1.3: the throttle status is configurable (field reports saw 400)
    public async Task Throttle_status_can_be_configured_as_400()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:TokenRequestsPer10Minutes", "1").With("Sandbox:TokenThrottleStatusCode", "400");
        using var sandbox = new SandboxHttp(app);
        await sandbox.RequestTokenAsync();

        var (status, body) = await sandbox.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Access Denied", body["error"]!.GetValue<string>());
    }

    [Fact] // §1.4: at most 15 active access tokens; the 16th invalidates the oldest
    public async Task Sixteenth_access_token_invalidates_the_oldest()
    {
        await using var app = new LeadSyncAppFactory().With("Sandbox:TokenRequestsPer10Minutes", "100");
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();
        for (var i = 0; i < 15; i++)
        {
            await sandbox.RequestTokenAsync();
        }

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_TOKEN", body!["code"]!.GetValue<string>());
    }

    [Fact] // §1.6
    public async Task Call_without_authorization_header_fails_with_AUTHENTICATION_FAILURE()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);

        using var response = await sandbox.SendAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email", authorize: false);
        var body = await response.Content.ReadAsStringAsync(SandboxHttp.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"AUTHENTICATION_FAILURE\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"error\"", body, StringComparison.Ordinal);
    }

    [Fact] // §1.6
    public async Task Call_with_an_unknown_or_expired_token_fails_with_INVALID_TOKEN()
    {
        await using var app = new LeadSyncAppFactory();
        using var sandbox = new SandboxHttp(app);
        await sandbox.AccessTokenAsync();
        await sandbox.Control.ExpireAccessTokensAsync(SandboxHttp.Ct);

        var (status, body) = await sandbox.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Email");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_TOKEN", body!["code"]!.GetValue<string>());
        Assert.Equal("invalid oauth token", body["message"]!.GetValue<string>());
    }
}
