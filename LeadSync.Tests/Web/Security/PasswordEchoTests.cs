using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Security;

/// <summary>Nothing a user typed as a password is ever rendered back (issue 11.2): not after a failure, not in a redirect's body.</summary>
public sealed class PasswordEchoTests
{
    private const string Passphrase = "Lighthouse-keeper-orbit-9173";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_successful_sign_in_answers_without_the_password_in_its_body()
    {
        await using var app = new LeadSyncAppFactory();
        using var client = app.CreateCookieClient();

        using var response = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(LeadSyncAppFactory.AdminPassword, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(LeadSyncAppFactory.AdminPassword), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_answers_without_the_typed_password()
    {
        await using var app = new LeadSyncAppFactory();
        using var client = app.CreateCookieClient();

        using var response = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, Passphrase);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Passphrase, body, StringComparison.Ordinal);
        Assert.Contains("id=\"password\"", body, StringComparison.Ordinal); // the form is there, with an empty field
    }

    [Fact]
    public async Task Setup_answers_without_either_password_when_it_fails_and_when_it_succeeds()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        using var client = app.CreateCookieClient();

        using var mismatch = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = Passphrase,
            ["Input.ConfirmPassword"] = Passphrase + "-other",
        });
        using var created = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = Passphrase,
            ["Input.ConfirmPassword"] = Passphrase,
        });

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.DoesNotContain(Passphrase, WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.DoesNotContain(Passphrase, WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}
