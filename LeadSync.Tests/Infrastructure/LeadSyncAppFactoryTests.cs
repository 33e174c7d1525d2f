using System.Net;

namespace LeadSync.Tests.Infrastructure;

/// <summary>The test host itself: its in-memory option (which no other test uses), and that a disposed app is let go.</summary>
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

    [Fact]
    public async Task A_disposed_app_is_collected_so_a_long_test_run_does_not_run_out_of_memory()
    {
        // The suite starts hundreds of apps in one process; one kept alive after its test (by a static event, a
        // process-wide listener…) holds its host, caches and sandbox: CI's test process once grew to 23 GB and was killed.
        var apps = await StartAndDisposeAsync();

        for (var i = 0; i < 10 && apps.Any(a => a.TryGetTarget(out _)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100, Ct);
        }

        Assert.All(apps, a => Assert.False(a.TryGetTarget(out _), "a disposed app is still reachable"));
    }

    private static async Task<List<WeakReference<LeadSyncAppFactory>>> StartAndDisposeAsync()
    {
        var apps = new List<WeakReference<LeadSyncAppFactory>>();
        foreach (var start in new Func<LeadSyncAppFactory>[] { () => LeadSyncAppFactory.StartForSync(), LeadSyncAppFactory.InMemory })
        {
            var app = start();
            using (var client = app.CreateApiClient())
            using (await client.GetAsync(new Uri("api/leads", UriKind.Relative), Ct))
            {
            }

            await app.DisposeAsync();
            apps.Add(new WeakReference<LeadSyncAppFactory>(app));
        }

        return apps;
    }
}
