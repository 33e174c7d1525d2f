using System.Net;
using LeadSync.Core.Security;
using LeadSync.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Api;

public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_over_the_per_key_limit_get_429_with_retry_after_and_other_keys_are_unaffected()
    {
        await using var app = new LeadSyncAppFactory()
            .With("Api:RateLimitPermits", "3")
            .With("Api:RateLimitWindowSeconds", "3600");
        using var api = app.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var other = await app.Services.GetRequiredService<ApiKeys>().CreateAsync("Other", "test", Ct);
        using var otherClient = app.CreateApiClient(other.Key);
        using var fine = await otherClient.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Anonymous_calls_are_refused_401_before_the_rate_limit_and_use_none_of_a_keys_permits()
    {
        // The limit sits after authorization: an anonymous caller only ever learns 401, however often it calls, and a
        // key's window on the same address is untouched. /openapi is not rate limited either way.
        await using var app = new LeadSyncAppFactory()
            .With("Api:RateLimitPermits", "2")
            .With("Api:RateLimitWindowSeconds", "3600");
        using var anonymous = app.CreateAnonymousClient();
        for (var i = 0; i < 4; i++)
        {
            using var refused = await anonymous.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var api = app.CreateApiClient();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await api.GetAsync(new Uri("api/leads", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        using var openApi = await api.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }
}
