using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>No secret in any log line of the app and the client (brief: secrets never appear in logs).</summary>
public sealed class ZohoSecretLoggingTests
{
    private const string ClientSecret = "logging-test-client-secret-7d1e";
    private const string RefreshToken = "1000.logging-test-refresh.9c2a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_secret_refresh_token_and_access_tokens_never_appear_in_logs()
    {
        // §1.3 (secret and refresh token in the form body), §1.6 (Authorization header): none of them is ever logged
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:ClientSecret", ClientSecret).With("Sandbox:RefreshToken", RefreshToken);
        using var zoho = app.CreateZohoClient();
        var settings = await zoho.Settings.GetAsync(Ct);
        var tokens = new List<string>();

        // Token call, writes, reads, INVALID_TOKEN + refresh, failures.
        var id = Assert.Single(await zoho.Client.InsertLeadsAsync([new ZohoLead { LastName = "Log", Email = "log@zylker.test" }], Ct)).Id!;
        tokens.Add((await zoho.Tokens.GetAsync(settings, null, Ct)).Token);
        await app.Sandbox.ExpireAccessTokensAsync(Ct);
        await zoho.Client.GetLeadsAsync([id], Ct);
        tokens.Add((await zoho.Tokens.GetAsync(settings, null, Ct)).Token);
        await app.Services.GetRequiredService<IZohoClient>().EnsureAuthorizedAsync(Ct);
        await app.Sandbox.RevokeRefreshTokenAsync(Ct);
        await Assert.ThrowsAsync<ZohoApiException>(() => zoho.Client.GetLeadsAsync([id], Ct));

        var logs = app.Logs.AllText;
        Assert.Contains("/sandbox/zoho/crm/v8/Leads", logs, StringComparison.Ordinal); // the calls were logged
        Assert.Contains("/oauth/v2/token", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoho-oauthtoken", logs, StringComparison.Ordinal);
        Assert.Equal(2, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.DoesNotContain(t, logs, StringComparison.Ordinal));
        Assert.DoesNotContain(ClientSecret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, settings.ToString(), StringComparison.Ordinal);
    }
}
