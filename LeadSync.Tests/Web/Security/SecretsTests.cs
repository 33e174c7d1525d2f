using System.Net.Http.Json;
using LeadSync.Core.Security;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Security;

public sealed class SecretsTests
{
    private const string ZohoClientSecret = "zoho-client-secret-marker-7f3a9c";
    private const string ZohoRefreshToken = "1000.refresh-token-marker-51be0d.deadbeef";
    private const string WrongPassword = "Wrong-password-marker-Q9!";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secrets_never_appear_in_logs_pages_or_api_responses()
    {
        await using var app = new LeadSyncAppFactory()
            .With("Zoho:ClientSecret", ZohoClientSecret)
            .With("Zoho:RefreshToken", ZohoRefreshToken)
            .With("Metrics:Token", "metrics-token-marker-0123456789");
        var created = await app.Services.GetRequiredService<ApiKeys>().CreateAsync("Secret check", "test", Ct);
        var seen = new List<string>();

        using var admin = await app.CreateAdminClientAsync();
        using (var anonymous = app.CreateCookieClient())
        using (var wrong = await LeadSyncAppFactory.PostSignInAsync(anonymous, LeadSyncAppFactory.AdminEmail, WrongPassword))
        {
            seen.Add(await wrong.Content.ReadAsStringAsync(Ct));
        }

        foreach (var page in new[] { "leads", "settings/api-keys", "settings/admins", "openapi/v1.json", "metrics", "readyz", "healthz" })
        {
            seen.Add(await admin.GetStringAsync(new Uri(page, UriKind.Relative), Ct));
        }

        foreach (var key in new[] { created.Key, LeadSyncAppFactory.BootstrapApiKey })
        {
            using var api = app.CreateApiClient(key);
            using var post = await api.PostAsJsonAsync("api/leads", new { lastName = "Secretive", email = $"s{Guid.NewGuid():N}@example.com" }, Ct);
            seen.Add(await post.Content.ReadAsStringAsync(Ct));
            using var list = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
            seen.Add(await list.Content.ReadAsStringAsync(Ct));
            using var bad = await api.PostAsJsonAsync("api/leads", new { lastName = "", email = "nope" }, Ct);
            seen.Add(await bad.Content.ReadAsStringAsync(Ct));
        }

        using (var wrongKey = app.CreateApiClient(created.Key + "tampered"))
        using (var refused = await wrongKey.GetAsync(new Uri("api/leads", UriKind.Relative), Ct))
        {
            seen.Add(await refused.Content.ReadAsStringAsync(Ct));
        }

        var logs = app.Logs.AllText;
        Assert.NotEmpty(app.Logs.Lines);
        Assert.Contains("Secretive", string.Join('\n', seen), StringComparison.Ordinal);
        foreach (var secret in new[]
        {
            created.Key, created.Key[12..], LeadSyncAppFactory.BootstrapApiKey, LeadSyncAppFactory.AdminPassword, WrongPassword,
            ZohoClientSecret, ZohoRefreshToken, "metrics-token-marker-0123456789",
        })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(seen, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }
    }
}
