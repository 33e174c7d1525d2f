using System.Net;
using System.Net.Http.Json;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// Who may call the Bulk endpoints (docs/zoho §1.6, §6): like every sandbox CRM call, only a holder of a sandbox access
/// token. An anonymous caller, a LeadSync API-key holder and a signed-in admin are all refused with Zoho's 401.
/// </summary>
public sealed class SandboxBulkAccessTests
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "sandbox/zoho/crm/v8/upload"),
        ("POST", "sandbox/zoho/crm/bulk/v8/write"),
        ("GET", "sandbox/zoho/crm/bulk/v8/write/5725767000900000001"),
        ("GET", "sandbox/zoho/crm/bulk/v8/write/5725767000900000001/result"),
        ("POST", "sandbox/zoho/crm/bulk/v8/read"),
        ("GET", "sandbox/zoho/crm/bulk/v8/read/5725767000900000001"),
        ("GET", "sandbox/zoho/crm/bulk/v8/read/5725767000900000001/result"),
        ("GET", "sandbox/zoho/crm/v8/Leads/actions/count"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_callers_api_key_holders_and_signed_in_admins_get_401_without_a_sandbox_token()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var anonymous = app.CreateAnonymousClient();
        using var apiKey = app.CreateApiClient();
        using var admin = await app.CreateAdminClientAsync();

        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("API key", apiKey), ("admin", admin) })
        {
            foreach (var (method, path) in Endpoints)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)), Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{who}: {method} {path} answered {(int)response.StatusCode} {body}");
                Assert.Contains("AUTHENTICATION_FAILURE", body, StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, app.Sandbox.State().CreditsUsed);
    }

    [Fact]
    public async Task An_expired_or_unknown_token_is_INVALID_TOKEN_on_the_bulk_endpoints()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Zoho-oauthtoken 1000.not-a-token");

        foreach (var (method, path) in Endpoints)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("INVALID_TOKEN", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact] // the control API takes the Bulk faults from a signed-in admin only, and names a bad value
    public async Task Only_a_signed_in_admin_sets_the_bulk_faults_through_the_control_api()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var anonymous = app.CreateCookieClient();
        using var apiKey = app.CreateApiClient();
        using var admin = await app.CreateAdminClientAsync();
        var faults = new Uri("sandbox/zoho/_control/faults", UriKind.Relative);

        using var anonymousAnswer = await anonymous.PatchAsync(faults, JsonContent.Create(new { bulkDownloadFailures = 5 }), Ct);
        using var apiKeyAnswer = await apiKey.PatchAsync(faults, JsonContent.Create(new { bulkDownloadFailures = 5 }), Ct);
        var untouched = app.Sandbox.Faults.Current.BulkDownloadFailures;
        using var applied = await admin.PatchAsync(faults, JsonContent.Create(new { bulkDownloadFailures = 2, bulkDownloadFailureStatus = 404, bulkJobFailureRate = 0.5 }), Ct);
        using var refused = await admin.PatchAsync(faults, JsonContent.Create(new { bulkDownloadFailureStatus = 418 }), Ct);

        Assert.NotEqual(HttpStatusCode.OK, anonymousAnswer.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, apiKeyAnswer.StatusCode);
        Assert.Equal(0, untouched);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal((2, 404, 0.5), (app.Sandbox.Faults.Current.BulkDownloadFailures, app.Sandbox.Faults.Current.BulkDownloadFailureStatus, app.Sandbox.Faults.Current.BulkJobFailureRate));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("BulkDownloadFailureStatus must be 404, 429 or 500", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
