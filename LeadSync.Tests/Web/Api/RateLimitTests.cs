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
}
