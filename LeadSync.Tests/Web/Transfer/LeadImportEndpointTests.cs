using System.Net;
using System.Text;
using LeadSync.Core.Leads.Transfer.Import;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Transfer;

/// <summary>
/// <c>GET /leads/import/{id}/refused.csv</c> as attack surface: refused rows are lead data, so only a signed-in admin gets
/// them — an anonymous caller and an API key are sent to sign in — and an unknown job is a 404.
/// </summary>
public sealed class LeadImportEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_a_signed_in_admin_downloads_an_imports_refused_rows()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        var jobs = app.Services.GetRequiredService<LeadImportJobs>();
        var csv = Encoding.UTF8.GetBytes("Last name,Email\nGood,good@example.com\nBad,not-an-email\n");
        var id = await jobs.StartAsync(new ImportRequest(csv, "list.csv", ImportMappingGuess.Guess(["Last name", "Email"]), ExistingEmailPolicy.Skip, "test"), Ct);
        await Eventually.TrueAsync(async () => (await jobs.GetAsync(id, Ct))?.IsFinished == true, "the import finished");
        using var admin = await app.CreateAdminClientAsync();
        using var anonymous = app.CreateCookieClient();
        using var keyed = app.CreateCookieClient();
        keyed.DefaultRequestHeaders.Authorization = new("Bearer", LeadSyncAppFactory.BootstrapApiKey);
        var path = new Uri($"leads/import/{id}/refused.csv", UriKind.Relative);

        using var refusedAnonymous = await anonymous.GetAsync(path, Ct);
        using var refusedKey = await keyed.GetAsync(path, Ct);
        using var file = await admin.GetAsync(path, Ct);
        using var unknown = await admin.GetAsync(new Uri($"leads/import/{Guid.NewGuid()}/refused.csv", UriKind.Relative), Ct);

        Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(refusedAnonymous), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(refusedKey), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var text = await file.Content.ReadAsStringAsync(Ct);
        Assert.Contains("not-an-email", text, StringComparison.Ordinal);
        Assert.DoesNotContain("good@example.com", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
