using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>
/// <c>POST /sandbox/zoho/_control/bulk/read/{id}/expire</c> (docs/zoho §6.4): a signed-in admin makes a completed read
/// job's result expire as it would a day later, and its download then answers 404 <c>RESOURCE_NOT_FOUND</c>; an
/// anonymous caller and an API-key holder are refused and change nothing; an unknown id is named in a 404.
/// </summary>
public sealed class SandboxReadResultExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_a_signed_in_admin_expires_a_read_result_and_its_download_then_answers_404()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var sandbox = new SandboxHttp(app);
        await app.ZohoSeedAsync(2, "Expiry", DateTimeOffset.UtcNow.AddDays(-1));
        var (jobId, _) = await SandboxBulkReadTests.CreateAsync(sandbox, SandboxBulkReadTests.Query(null, "Email"));
        await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}");
        using var anonymous = app.CreateCookieClient();
        using var apiKey = app.CreateCookieClient(); // redirects not followed: a refusal is not hidden behind the sign-in page
        apiKey.DefaultRequestHeaders.Authorization = new("Bearer", LeadSyncAppFactory.BootstrapApiKey);
        using var admin = await app.CreateAdminClientAsync();
        var expire = new Uri($"sandbox/zoho/_control/bulk/read/{jobId}/expire", UriKind.Relative);

        using var anonymousAnswer = await anonymous.PostAsync(expire, null, Ct);
        using var apiKeyAnswer = await apiKey.PostAsync(expire, null, Ct);
        Assert.True(anonymousAnswer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"anonymous: {(int)anonymousAnswer.StatusCode}");
        Assert.True(apiKeyAnswer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"API key: {(int)apiKeyAnswer.StatusCode}");
        Assert.Equal(3, (await SandboxBulkHttp.DownloadRowsAsync(sandbox, $"crm/bulk/v8/read/{jobId}/result")).Count); // still there

        using var expired = await admin.PostAsync(expire, null, Ct);
        using var download = await sandbox.SendAsync(HttpMethod.Get, $"crm/bulk/v8/read/{jobId}/result");
        var (details, _) = await SandboxBulkHttp.WaitAsync(sandbox, $"crm/bulk/v8/read/{jobId}");
        using var unknown = await admin.PostAsync(new Uri("sandbox/zoho/_control/bulk/read/123/expire", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal("RESOURCE_NOT_FOUND", (await SandboxBulkHttp.Json(download))["code"]!.GetValue<string>());
        Assert.Equal("COMPLETED", details["state"]!.GetValue<string>()); // the job itself is still known
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no completed Bulk Read job has the id '123'", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
