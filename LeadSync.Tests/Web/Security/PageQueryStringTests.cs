using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// The query strings pages read since issue 15 (<c>/leads?lead=&amp;field=</c> from the Failures page, the Leads page's view —
/// <c>q, state, status, sort, dir, page, size</c> — and <c>/runs?from=&amp;to=</c> from the dashboard's bars): an anonymous caller is sent to sign in, an API key opens no page, and an admin's hostile
/// or malformed values give the page, never an error.
/// </summary>
public sealed class PageQueryStringTests
{
    private static readonly string[] Paths =
    [
        "leads?lead=not-a-guid&field=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "leads?lead=00000000-0000-0000-0000-000000000000&field=Phone",
        "leads?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=Nope&state=99&status=%00&sort=DROP%20TABLE&dir=sideways&page=abc&size=-5",
        "leads?page=99999999999999999999&size=1e9&state=error&status=x&sort=0&dir=asc",
        "runs?from=garbage&to=2026-13-99T99%3A00%3A00Z",
        "runs?from=2026-12-03T10%3A00%3A00Z&to=2026-12-01T10%3A00%3A00Z",
        "runs?kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E&trigger=99&outcome=&range=Custom",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_callers_and_API_keys_are_refused_and_admins_get_the_page_for_any_value()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var admin = await app.CreateAdminClientAsync();
        using var anonymous = app.CreateCookieClient();
        using var apiKey = app.CreateCookieClient();
        apiKey.DefaultRequestHeaders.Authorization = new("Bearer", LeadSyncAppFactory.BootstrapApiKey);

        foreach (var path in Paths)
        {
            var uri = new Uri(path, UriKind.Relative);
            using var refused = await anonymous.GetAsync(uri, Ct);
            using var keyed = await apiKey.GetAsync(uri, Ct);
            using var page = await admin.GetAsync(uri, Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);

            Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(refused), StringComparison.Ordinal);
            Assert.StartsWith("/account/signin?ReturnUrl=", app.RedirectTarget(keyed), StringComparison.Ordinal);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: an admin got {page.StatusCode}");
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        }
    }
}
