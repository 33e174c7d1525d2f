using System.Net;

namespace LeadSync.Tests.Infrastructure;

/// <summary>The test host's in-memory option, which no other test uses: pages, sign-in and the API without a socket.</summary>
public sealed class LeadSyncAppFactoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_in_memory_host_serves_signed_in_pages_redirects_and_the_api()
    {
        await using var app = LeadSyncAppFactory.InMemory();

        using var admin = await app.CreateAdminClientAsync();
        using var page = await admin.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        using var api = app.CreateApiClient();
        using var list = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        using var anonymous = app.CreateCookieClient();
        using var redirect = await anonymous.GetAsync(new Uri("leads", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/signin", app.RedirectTarget(redirect), StringComparison.Ordinal);
    }
}
