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
        Assert.Contains("Password: needs at least 12 characters", weakHtml, StringComparison.Ordinal);
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
        Assert.StartsWith("/account/signin?created=", app.RedirectTarget(created), StringComparison.Ordinal);
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
    public async Task The_page_first_asked_for_survives_setup_as_a_local_path_and_only_a_real_confirmation_fills_in_the_email()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        using var client = app.CreateCookieClient();

        using var asked = await client.GetAsync(new Uri("runs?range=7d", UriKind.Relative), Ct);
        var signInPath = app.RedirectTarget(asked);
        using var signIn = await client.GetAsync(new Uri(signInPath.TrimStart('/'), UriKind.Relative), Ct);
        Assert.Equal("/setup?returnUrl=%2Fruns%3Frange%3D7d", app.RedirectTarget(signIn));

        using var foreign = await client.GetAsync(new Uri("account/signin?returnUrl=" + Uri.EscapeDataString("//evil.example/x"), UriKind.Relative), Ct);
        Assert.Equal("/setup?returnUrl=%2Fleads", app.RedirectTarget(foreign));

        using var created = await LeadSyncAppFactory.PostFormAsync(client, "setup?returnUrl=" + Uri.EscapeDataString("https://evil.example/x"), new()
        {
            ["Input.Email"] = "first@leadsync.test",
            ["Input.Password"] = "Initial-setup-Pa55word!",
            ["Input.ConfirmPassword"] = "Initial-setup-Pa55word!",
        });
        var target = app.RedirectTarget(created);
        Assert.StartsWith("/account/signin?created=", target, StringComparison.Ordinal);
        Assert.EndsWith("&returnUrl=%2Fleads", target, StringComparison.Ordinal);
        Assert.DoesNotContain("leadsync.test", target, StringComparison.OrdinalIgnoreCase);

        var confirmed = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(target.TrimStart('/'), UriKind.Relative), Ct));
        Assert.Contains("Admin account created — sign in", confirmed, StringComparison.Ordinal);
        Assert.Contains("value=\"first@leadsync.test\"", confirmed, StringComparison.Ordinal);

        var forged = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("account/signin?created=Zmlyc3RAbGVhZHN5bmMudGVzdA", UriKind.Relative), Ct));
        Assert.DoesNotContain("Admin account created", forged, StringComparison.Ordinal);
        Assert.DoesNotContain("first@leadsync.test", forged, StringComparison.Ordinal);
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
