using Microsoft.Extensions.DependencyInjection;
using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

public sealed class SignInTests : IAsyncLifetime
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
    public async Task Signing_in_reaches_the_console_and_signing_out_ends_the_session()
    {
        using var client = app.CreateCookieClient();
        using var signIn = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/leads", app.RedirectTarget(signIn));

        using var leads = await client.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        var html = await leads.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, leads.StatusCode);
        Assert.Contains(LeadSyncAppFactory.AdminEmail, html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);

        var hidden = LeadSyncAppFactory.HiddenFields(html);
        using var signOutForm = new FormUrlEncodedContent(hidden);
        using var signOut = await client.PostAsync(new Uri("account/signout", UriKind.Relative), signOutForm, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await client.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", app.RedirectTarget(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = await app.CreateAdminClientAsync();
        using var empty = new FormUrlEncodedContent([]);
        using var signOut = await client.PostAsync(new Uri("account/signout", UriKind.Relative), empty, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);

        using var stillIn = await client.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_one_neutral_message_and_no_session()
    {
        using var client = app.CreateCookieClient();
        using var response = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, "Wrong-Pa55word!");
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Email or password is incorrect.", html, StringComparison.Ordinal);

        using var unknown = await LeadSyncAppFactory.PostSignInAsync(client, "nobody@leadsync.test", "Wrong-Pa55word!");
        Assert.Contains("Email or password is incorrect.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var leads = await client.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, leads.StatusCode);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_for_15_minutes_even_against_the_right_password()
    {
        var admins = app.Services.GetRequiredService<LeadSync.Web.Security.AdminAccounts>();
        Assert.True((await admins.AddAsync("lockme@leadsync.test", "Lock-me-Pa55!", "test", Ct)).Succeeded);
        using var client = app.CreateCookieClient();

        string html = string.Empty;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await LeadSyncAppFactory.PostSignInAsync(client, "lockme@leadsync.test", "Wrong-Pa55word!");
            html = await response.Content.ReadAsStringAsync(Ct);
            if (attempt < 5)
            {
                Assert.Contains("Email or password is incorrect.", html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("This account is locked after 5 failed sign-ins", html, StringComparison.Ordinal);
        Assert.Contains("15 minutes", html, StringComparison.Ordinal);

        using var right = await LeadSyncAppFactory.PostSignInAsync(client, "lockme@leadsync.test", "Lock-me-Pa55!");
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Other admins are not affected.
        using var other = await app.CreateAdminClientAsync();
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    public async Task A_foreign_return_url_is_ignored_after_sign_in(string returnUrl)
    {
        using var client = app.CreateCookieClient();
        var path = "account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl);
        using var response = await LeadSyncAppFactory.PostFormAsync(client, path, new()
        {
            ["Input.Email"] = LeadSyncAppFactory.AdminEmail,
            ["Input.Password"] = LeadSyncAppFactory.AdminPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leads", app.RedirectTarget(response));
    }

    [Fact]
    public async Task A_local_return_url_is_honoured_after_sign_in()
    {
        using var client = app.CreateCookieClient();
        using var first = await client.GetAsync(new Uri("settings/api-keys", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var signInPath = first.Headers.Location!.PathAndQuery.TrimStart('/');

        using var response = await LeadSyncAppFactory.PostFormAsync(client, signInPath, new()
        {
            ["Input.Email"] = LeadSyncAppFactory.AdminEmail,
            ["Input.Password"] = LeadSyncAppFactory.AdminPassword,
        });
        Assert.Equal("/settings/api-keys", app.RedirectTarget(response));
    }
}
