using System.Net;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// The admin password policy (ASVS level 2: 12+ characters, no composition rules, no common password, not the email)
/// where people meet it: the setup form over real HTTP, and adding an admin on a running app.
/// </summary>
public sealed class PasswordPolicyTests
{
    private const string TooShort = "Password: needs at least 12 characters";
    private const string TooCommon = "Password: is too common; choose a longer passphrase of a few words";
    private const string ContainsEmail = "Password: must not contain your email address";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setup_refuses_short_common_and_email_containing_passwords_each_naming_its_rule_and_creates_nobody()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        using var client = app.CreateCookieClient();
        var cases = new (string Password, string[] Messages)[]
        {
            ("short", [TooShort]),
            ("Password1!", [TooShort, TooCommon]),
            ("password1234", [TooCommon]),
            ("QWERTYUIOP12", [TooCommon]),
            ("123456789012", [TooCommon]),
            ("abcabcabcabcabc", [TooCommon]),
            ("i am ada.lovelace really", [ContainsEmail]),
            ("Ada.Lovelace@Engines.test!", [ContainsEmail]),
        };

        foreach (var (password, messages) in cases)
        {
            using var response = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
            {
                ["Input.Email"] = "ada.lovelace@engines.test",
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
            });

            var raw = await response.Content.ReadAsStringAsync(Ct);
            var html = WebUtility.HtmlDecode(raw);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{password}' answered {(int)response.StatusCode}");
            foreach (var message in messages)
            {
                Assert.True(html.Contains(message, StringComparison.Ordinal), $"'{password}' did not say '{message}'");
            }

            Assert.DoesNotContain($"value=\"{WebUtility.HtmlEncode(password)}\"", raw, StringComparison.Ordinal);
        }

        Assert.False(await app.Services.GetRequiredService<AdminAccounts>().AnyAsync(Ct));
    }

    [Fact]
    public async Task Setup_accepts_a_passphrase_of_plain_words_and_states_the_rule()
    {
        await using var app = new LeadSyncAppFactory().With("Admin:Email", null).With("Admin:Password", null);
        using var client = app.CreateCookieClient();
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("setup", UriKind.Relative), Ct));
        Assert.Contains("At least 12 characters", form, StringComparison.Ordinal);
        Assert.DoesNotContain("6 characters", form, StringComparison.Ordinal);

        const string passphrase = "violet tractor harbour";
        using var created = await LeadSyncAppFactory.PostFormAsync(client, "setup", new()
        {
            ["Input.Email"] = "ada.lovelace@engines.test",
            ["Input.Password"] = passphrase,
            ["Input.ConfirmPassword"] = passphrase,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var admin = await app.CreateAdminClientAsync("ada.lovelace@engines.test", passphrase);
    }

    [Fact]
    public async Task Adding_an_admin_refuses_short_common_and_email_containing_passwords_each_naming_its_rule()
    {
        await using var app = new LeadSyncAppFactory();
        app.Start();
        var admins = app.Services.GetRequiredService<AdminAccounts>();

        var cases = new (string Password, string Message)[]
        {
            ("Pa55word!", TooShort),
            ("Password1!", TooCommon),
            ("qwertyuiop12", TooCommon),
            ("Letmein2025!", TooCommon),
            ("grace.hopper rocks", ContainsEmail),
            ("GRACE.HOPPER@NAVY.TEST", ContainsEmail),
            (new string('x', 120) + " and then some", "Password: must be at most 128 characters"),
        };
        foreach (var (password, message) in cases)
        {
            var result = await admins.AddAsync("grace.hopper@navy.test", password, LeadSyncAppFactory.AdminEmail, Ct);
            Assert.False(result.Succeeded, $"'{password}' was accepted");
            Assert.All(result.Errors, e => Assert.Equal("Password", e.Field));
            Assert.True(result.Errors.Any(e => e.Message == message), $"'{password}': {string.Join(" | ", result.Errors.Select(e => e.Message))}");
        }

        Assert.DoesNotContain(await admins.ListAsync(Ct), a => a.Email == "grace.hopper@navy.test");
        Assert.True((await admins.AddAsync("grace.hopper@navy.test", "compilers debug moths", LeadSyncAppFactory.AdminEmail, Ct)).Succeeded);
        using var signedIn = await app.CreateAdminClientAsync("grace.hopper@navy.test", "compilers debug moths");

        // The Admins page states the same rule beside the password field.
        var page = WebUtility.HtmlDecode(await signedIn.GetStringAsync(new Uri("settings/admins", UriKind.Relative), Ct));
        Assert.Contains(AdminPasswordValidator.Description, page, StringComparison.Ordinal);
    }
}
