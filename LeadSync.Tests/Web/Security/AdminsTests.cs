using System.Net;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

public sealed class AdminsTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AdminAccounts Admins => app.Services.GetRequiredService<AdminAccounts>();

    [Fact]
    public async Task An_added_admin_can_sign_in_and_a_removed_one_cannot()
    {
        var added = await Admins.AddAsync("colleague@leadsync.test", "Second-desk-Pa55!", LeadSyncAppFactory.AdminEmail, Ct);
        Assert.True(added.Succeeded);
        using (await app.CreateAdminClientAsync("colleague@leadsync.test", "Second-desk-Pa55!"))
        {
        }

        using var admin = await app.CreateAdminClientAsync();
        var page = await admin.GetStringAsync(new Uri("settings/admins", UriKind.Relative), Ct);
        Assert.Contains("colleague@leadsync.test", page, StringComparison.Ordinal);

        var me = (await Admins.ListAsync(Ct)).Single(a => a.Email == LeadSyncAppFactory.AdminEmail);
        var colleague = (await Admins.ListAsync(Ct)).Single(a => a.Email == "colleague@leadsync.test");
        Assert.True((await Admins.RemoveAsync(colleague.Id, me.Id, Ct)).Succeeded);

        using var client = app.CreateCookieClient();
        using var refused = await LeadSyncAppFactory.PostSignInAsync(client, "colleague@leadsync.test", "Second-desk-Pa55!");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_removed_admins_open_session_stops_working()
    {
        Assert.True((await Admins.AddAsync("leaving@leadsync.test", "Going-soon-Pa55!", "test", Ct)).Succeeded);
        using var leaving = await app.CreateAdminClientAsync("leaving@leadsync.test", "Going-soon-Pa55!");
        using (var before = await leaving.GetAsync(new Uri("leads", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var me = (await Admins.ListAsync(Ct)).Single(a => a.Email == LeadSyncAppFactory.AdminEmail);
        var them = (await Admins.ListAsync(Ct)).Single(a => a.Email == "leaving@leadsync.test");
        Assert.True((await Admins.RemoveAsync(them.Id, me.Id, Ct)).Succeeded);

        // The cookie is still validly signed, but the security stamp check finds no such admin any more.
        using var after = await leaving.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", app.RedirectTarget(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_remove_themself_nor_the_last_admin()
    {
        var me = (await Admins.ListAsync(Ct)).Single(a => a.Email == LeadSyncAppFactory.AdminEmail);
        var self = await Admins.RemoveAsync(me.Id, me.Id, Ct);
        Assert.False(self.Succeeded);
        Assert.Contains("cannot remove yourself", self.Errors[0].Message, StringComparison.Ordinal);

        await using var single = new LeadSyncAppFactory();
        single.Start();
        var admins = single.Services.GetRequiredService<AdminAccounts>();
        var only = Assert.Single(await admins.ListAsync(Ct));
        var last = await admins.RemoveAsync(only.Id, "someone-else", Ct);
        Assert.False(last.Succeeded);
        Assert.Contains("last admin", last.Errors[0].Message, StringComparison.Ordinal);
        Assert.Single(await admins.ListAsync(Ct));
    }

    [Fact]
    public async Task Adding_an_admin_reports_each_problem_under_its_field()
    {
        var weak = await Admins.AddAsync("weak@leadsync.test", "abc", "test", Ct);
        Assert.All(weak.Errors, e => Assert.Equal("Password", e.Field));
        Assert.Contains(weak.Errors, e => e.Message.Contains("at least 12 characters", StringComparison.Ordinal));

        var invalid = await Admins.AddAsync("<script>@x", "Valid-Pa55word!", "test", Ct);
        Assert.Equal("Email", Assert.Single(invalid.Errors).Field);

        var duplicate = await Admins.AddAsync(LeadSyncAppFactory.AdminEmail.ToUpperInvariant(), "Valid-Pa55word!", "test", Ct);
        Assert.Contains(duplicate.Errors, e => e.Field == "Email" && e.Message.Contains("already exists", StringComparison.Ordinal));
    }
}
