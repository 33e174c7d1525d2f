using System.Net;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

public sealed class SetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setup_creates_the_first_admin_then_refuses()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        using var client = app.CreateCookieClient();

        using var signIn = await client.GetAsync(new Uri("account/signin", UriKind.Relative), Ct);
        Assert.Equal("/setup", app.RedirectTarget(signIn));

        using var weak = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        var weakHtml = WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("Password must be at least 12 characters.", weakHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"short\"", weakHtml, StringComparison.Ordinal);
        Assert.False(await app.Services.GetRequiredService<AdminAccounts>().AnyAsync(Ct));

        using var mismatch = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = "Initial-setup-Pa55word!",
            ["Input.ConfirmPassword"] = "Other-setup-Pa55word!",
        });
        var mismatchHtml = await mismatch.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two passwords differ.", mismatchHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Initial-setup-Pa55word!", mismatchHtml, StringComparison.Ordinal);

        using var badEmail = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "Initial-setup-Pa55word!",
            ["Input.ConfirmPassword"] = "Initial-setup-Pa55word!",
        });
        Assert.Contains("Email must be a valid address", await badEmail.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var created = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = "Initial-setup-Pa55word!",
            ["Input.ConfirmPassword"] = "Initial-setup-Pa55word!",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account/signin", app.RedirectTarget(created));
        using var admin = await app.CreateAdminClientAsync("first@leadsync.test", "Initial-setup-Pa55word!");

        using var again = await client.GetAsync(new Uri("setup", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);

        // A replayed setup post (token taken before the first admin existed) creates nobody.
        var admins = app.Services.GetRequiredService<AdminAccounts>();
        var refused = await admins.CreateFirstAsync("second@leadsync.test", "Another-setup-Pa55word!", Ct);
        Assert.False(refused.Succeeded);
        Assert.Single(await admins.ListAsync(Ct));
    }

    [Fact]
    public async Task Admin_settings_seed_the_first_admin_at_startup()
    {
        await using var app = new LeadSyncAppFactory()
            .With("Admin:Email", "seeded@leadsync.test")
            .With("Admin:Password", "From-config-Pa55word!");
        using var client = await app.CreateAdminClientAsync("seeded@leadsync.test", "From-config-Pa55word!");
        var admins = await app.Services.GetRequiredService<AdminAccounts>().ListAsync(Ct);
        Assert.Equal("seeded@leadsync.test", Assert.Single(admins).Email);
    }
}
