using System.Net;
using System.Net.Http.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Security;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

public sealed class ApiKeysTests : IAsyncLifetime
{
    private readonly LeadSyncAppFactory app = new();

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiKeys Keys => app.Services.GetRequiredService<ApiKeys>();

    [Fact]
    public async Task A_created_key_works_by_bearer_and_by_header_until_revoked()
    {
        var created = await Keys.CreateAsync("Nightly import", LeadSyncAppFactory.AdminEmail, Ct);
        Assert.StartsWith("lsk_", created.Key, StringComparison.Ordinal);
        Assert.StartsWith(created.Info.Prefix, created.Key, StringComparison.Ordinal);

        using (var bearer = app.CreateApiClient(created.Key))
        {
            using var response = await bearer.PostAsJsonAsync("api/leads", new { lastName = "Keyed", email = "keyed@example.com" }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var header = new HttpClient { BaseAddress = app.Start() };
        header.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        using (var ok = await header.GetAsync(new Uri("api/leads", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.True(await Keys.RevokeAsync(created.Info.Id, LeadSyncAppFactory.AdminEmail, Ct));
        using var revoked = await header.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.NotNull((await Keys.ListAsync(Ct)).Single(k => k.Id == created.Info.Id).LastUsedAt);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_sha256_hashes()
    {
        var created = await Keys.CreateAsync("Hash check", "test", Ct);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        var row = await db.Set<ApiKey>().SingleAsync(k => k.Id == created.Info.Id, Ct);
        Assert.Equal(ApiKeys.HashOf(created.Key), row.Hash);
        Assert.Equal(64, row.Hash.Length);
        Assert.DoesNotContain(created.Key[12..], row.Hash + row.Prefix + row.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keys_page_lists_keys_by_prefix_and_never_shows_a_stored_key()
    {
        var created = await Keys.CreateAsync("Listed <b>key</b>", "test", Ct);
        using var admin = await app.CreateAdminClientAsync();
        var html = await admin.GetStringAsync(new Uri("settings/api-keys", UriKind.Relative), Ct);
        Assert.Contains(created.Info.Prefix, html, StringComparison.Ordinal);
        Assert.Contains("Listed &lt;b&gt;key&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task A_key_needs_a_sensible_name(string name)
    {
        var ex = await Assert.ThrowsAsync<LeadSync.Core.Leads.LeadValidationException>(() => Keys.CreateAsync(name, "test", Ct));
        Assert.Equal("Name", ex.Failures[0].Field);
    }
}
