using System.Net;
using LeadSync.Core.Data;
using LeadSync.Core.Security;
using LeadSync.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// Console sessions live on the server (issue 11.3): signing out ends that session, so a cookie copied before opens
/// nothing afterwards; an admin can end all of their sessions; machines get a status, not a sign-in redirect.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_captured_before_sign_out_no_longer_opens_the_console()
    {
        var (client, cookies) = SignedInClientParts();
        using (client)
        {
            using var signIn = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
            var captured = cookies.GetCookieHeader(app.Start());
            Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(captured, "settings")).StatusCode); // the copy works while signed in

            await SignOutAsync(client, "account/signout");

            using var replay = await ReplayAsync(captured, "settings");
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            Assert.StartsWith("/account/signin", app.RedirectTarget(replay), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_that_admin_only()
    {
        using var laptop = await app.CreateAdminClientAsync();
        using var phone = await app.CreateAdminClientAsync();
        var userId = await AdminIdAsync();
        Assert.Equal(2, await SessionCountAsync(userId));
        await using var other = new LeadSyncAppFactory();

        await SignOutAsync(laptop, "account/signout-everywhere");

        using var phoneAfter = await phone.GetAsync(new Uri("settings", UriKind.Relative), Ct);
        using var laptopAfter = await laptop.GetAsync(new Uri("settings", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, laptopAfter.StatusCode);
        Assert.Equal(0, await SessionCountAsync(userId));

        using var again = await app.CreateAdminClientAsync(); // and signing in again works
        using var settings = await again.GetAsync(new Uri("settings", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Fact]
    public async Task A_session_stays_one_row_across_many_requests_and_holds_no_key_in_clear()
    {
        var (client, cookies) = SignedInClientParts();
        using (client)
        {
            using var signIn = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
            for (var i = 0; i < 5; i++)
            {
                using var page = await client.GetAsync(new Uri("settings", UriKind.Relative), Ct);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            var sessions = await QueryAsync(db => db.Set<AdminSession>().AsNoTracking().ToListAsync(Ct));
            var session = Assert.Single(sessions);
            var cookie = cookies.GetCookies(app.Start())["LeadSync.Auth"]!.Value;
            Assert.Equal(64, session.Id.Length);
            Assert.DoesNotContain(session.Id, cookie, StringComparison.OrdinalIgnoreCase);
            Assert.True(session.ExpiresAt > DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task The_admins_page_offers_sign_out_everywhere_with_the_session_count()
    {
        using var admin = await app.CreateAdminClientAsync();

        var html = await admin.GetStringAsync(new Uri("settings/admins", UriKind.Relative), Ct);

        Assert.Contains("data-testid=\"signout-everywhere-form\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"account/signout-everywhere\"", html, StringComparison.Ordinal);
        Assert.Contains("You are signed in on 1 device or browser", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_everywhere_without_the_antiforgery_token_is_refused()
    {
        using var admin = await app.CreateAdminClientAsync();
        using var empty = new FormUrlEncodedContent([]);

        using var response = await admin.PostAsync(new Uri("account/signout-everywhere", UriKind.Relative), empty, Ct);
        using var still = await admin.GetAsync(new Uri("settings", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact] // issue 11.8: a machine endpoint answers 401, not a 302 to the sign-in page
    public async Task An_anonymous_SignalR_negotiate_gets_401_not_a_sign_in_redirect()
    {
        using var client = app.CreateCookieClient();

        using var negotiate = await client.PostAsync(new Uri("hubs/sync/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.Start(), "hubs/sync")).Build();
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Null(negotiate.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private (HttpClient Client, CookieContainer Cookies) SignedInClientParts()
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true };
        return (new HttpClient(handler, disposeHandler: true) { BaseAddress = app.Start() }, cookies);
    }

    /// <summary>A request carrying exactly the given Cookie header, from a client that keeps no cookies of its own.</summary>
    private async Task<HttpResponseMessage> ReplayAsync(string cookieHeader, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Start() };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        return await client.SendAsync(request, Ct);
    }

    private static async Task SignOutAsync(HttpClient client, string action)
    {
        var html = await client.GetStringAsync(new Uri("settings/admins", UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(LeadSyncAppFactory.HiddenFields(html));
        using var response = await client.PostAsync(new Uri(action, UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<string> AdminIdAsync() =>
        await QueryAsync(db => db.Users.Where(u => u.Email == LeadSyncAppFactory.AdminEmail).Select(u => u.Id).SingleAsync(Ct));

    private Task<int> SessionCountAsync(string userId) => QueryAsync(db => db.Set<AdminSession>().CountAsync(s => s.UserId == userId, Ct));

    private async Task<T> QueryAsync<T>(Func<LeadSyncDbContext, Task<T>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }
}
