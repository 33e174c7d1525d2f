using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Listings that need a sandbox of their own (§2.2 paging, 204, the page-token cap).</summary>
public sealed class ZohoListingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_module_gives_204_and_one_empty_page()
    {
        // §2.2, §7.7: 204 with an empty body, never a deserialisation error
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();

        var pages = new List<ZohoLeadPage>();
        await foreach (var page in zoho.Client.ListLeadsAsync(new ZohoListRequest(), Ct))
        {
            pages.Add(page);
        }

        Assert.Empty(Assert.Single(pages).Records);
        Assert.Equal(204, Assert.Single(zoho.Observer.ApiCalls).Status);
    }

    [Fact]
    public async Task A_listing_of_2500_leads_follows_page_tokens_past_2000()
    {
        // §2.2, §7.9: 200 per page, page_token beyond the 2,000 discrete cap
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        using var zoho = app.CreateZohoClient();
        await app.Sandbox.SeedLeadsAsync(2500, "Paged", Ct);

        var pages = new List<ZohoLeadPage>();
        await foreach (var page in zoho.Client.ListLeadsAsync(new ZohoListRequest(), Ct))
        {
            pages.Add(page);
        }

        var ids = pages.SelectMany(p => p.Records).Select(r => r.Id).ToList();
        Assert.Equal(2500, ids.Count);
        Assert.Equal(2500, ids.Distinct().Count());
        Assert.Equal(13, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(200, p.Records.Count));
        Assert.False(pages[^1].MoreRecords);
        Assert.All(zoho.Observer.ApiCalls, c => Assert.Equal(1, c.Credits));
        var times = pages.SelectMany(p => p.Records).Select(r => r.ModifiedTime!.Value).ToList();
        Assert.Equal(times.OrderBy(t => t), times); // sort_by=Modified_Time&sort_order=asc
    }

    [Fact]
    public async Task Reaching_the_page_token_cap_is_a_pagination_limit_failure()
    {
        // §2.2, §3: PAGINATION_LIMIT_EXCEEDED → ZohoFailureKind.PaginationLimit
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        app.With("Sandbox:PageTokenRecordLimit", "2200");
        using var zoho = app.CreateZohoClient();
        await app.Sandbox.SeedLeadsAsync(2500, "Capped", Ct);

        var count = 0;
        var error = await Assert.ThrowsAsync<ZohoApiException>(async () =>
        {
            await foreach (var page in zoho.Client.ListLeadsAsync(new ZohoListRequest(), Ct))
            {
                count += page.Records.Count;
            }
        });

        Assert.Equal(ZohoFailureKind.PaginationLimit, error.Kind);
        Assert.Equal("PAGINATION_LIMIT_EXCEEDED", error.Code);
        Assert.True(count >= 2000, $"{count} records came before the cap");
    }
}
