using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

/// <summary>
/// Per-address limits on failed sign-ins (10 in 5 minutes) and failed API keys (20 in a minute), over real HTTP from
/// one loopback address. Decision: while an address is blocked, every attempt from it is refused with 429 — the right
/// password and a valid key included, because checking them would let guessing continue; the block lifts when the
/// window passes (FailedAttemptTrackerTests shows the window on a fake clock).
/// </summary>
public sealed class FailedAttemptLimitTests : IAsyncLifetime
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
    public async Task After_ten_failed_sign_ins_from_one_address_even_the_right_password_gets_429_without_a_session()
    {
        using var client = app.CreateCookieClient();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            // Different unknown accounts: the per-account lockout plays no part.
            using var failed = await LeadSyncAppFactory.PostSignInAsync(client, $"guess{attempt}@leadsync.test", "Wrong-Pa55word!");
            Assert.True(failed.StatusCode == HttpStatusCode.BadRequest, $"attempt {attempt} answered {(int)failed.StatusCode}");
        }

        using var refused = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed sign-ins from your network address. Try again in 5 minutes.", html, StringComparison.Ordinal);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(LeadSyncAppFactory.AdminPassword, html, StringComparison.Ordinal);

        using var leads = await client.GetAsync(new Uri("leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, leads.StatusCode);

        // The password was never checked, so the admin's own account is not locked; API keys are a separate count.
        using var api = app.CreateApiClient();
        using var apiAnswer = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, apiAnswer.StatusCode);
        var admin = (await app.Services.GetRequiredService<LeadSync.Web.Security.AdminAccounts>().ListAsync(Ct)).Single();
        Assert.Null(admin.LockedOutUntil);
    }

    [Fact]
    public async Task Successful_sign_ins_neither_count_nor_wipe_the_failures()
    {
        using var client = app.CreateCookieClient();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            using var signedIn = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        for (var attempt = 1; attempt <= 9; attempt++)
        {
            using var failed = await LeadSyncAppFactory.PostSignInAsync(client, $"guess{attempt}@leadsync.test", "Wrong-Pa55word!");
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        using (var stillAllowed = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, stillAllowed.StatusCode);
        }

        using (var tenth = await LeadSyncAppFactory.PostSignInAsync(client, "guess10@leadsync.test", "Wrong-Pa55word!"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tenth.StatusCode);
        }

        using var refused = await LeadSyncAppFactory.PostSignInAsync(client, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task After_twenty_failed_api_keys_from_one_address_every_key_even_a_valid_one_gets_a_429_problem()
    {
        using var wrong = app.CreateApiClient("lsk_guessed-key-guessed-key-guessed-key-guessed-k");
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var failed = await wrong.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
            Assert.True(failed.StatusCode == HttpStatusCode.Unauthorized, $"attempt {attempt} answered {(int)failed.StatusCode}");
        }

        using var blocked = await wrong.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        await AssertTooManyFailedKeysAsync(blocked);

        using var valid = app.CreateApiClient();
        using var validRefused = await valid.PostAsJsonAsync("api/leads", new { lastName = "Blocked", email = "blocked@example.com" }, Ct);
        await AssertTooManyFailedKeysAsync(validRefused);

        // Without a key there is nothing to guess: the usual 401 that says a key is needed.
        using var anonymous = new HttpClient { BaseAddress = app.Start() };
        using var noKey = await anonymous.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);

        // Signing in to the console is a separate count.
        using var admin = await app.CreateAdminClientAsync();
    }

    private static async Task AssertTooManyFailedKeysAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many failed API-key attempts", problem.GetProperty("title").GetString());
        Assert.Contains("Too many failed API-key attempts from your address", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }
}
