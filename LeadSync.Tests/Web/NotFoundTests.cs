using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web;

/// <summary>An unknown address answers 404 with the console's not-found page (it used to be an empty body).</summary>
public sealed class NotFoundTests
{
    [Fact]
    public async Task A_signed_in_admin_gets_the_not_found_page_with_a_404()
    {
        await using var app = new LeadSyncAppFactory();
        using var admin = await app.CreateAdminClientAsync();

        using var response = await admin.GetAsync(new Uri("no-such-page/here", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<title>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
    }
}
