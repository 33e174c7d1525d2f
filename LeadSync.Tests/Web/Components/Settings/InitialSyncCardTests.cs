using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Core.Zoho.Bulk;
using LeadSync.Tests.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Settings;

/// <summary>
/// The Settings page's Initial sync section: it explains itself and its cost, its dry run shows Core's figures (the
/// Zoho side read over HTTP from a running sandbox), Start is offered only after an estimate, and a Zoho failure is
/// said plainly. Live contexts: the estimate follows Bulk Read jobs and backs off on the system clock.
/// </summary>
public sealed class InitialSyncCardTests
{
    [Fact]
    public async Task Estimate_shows_counts_per_side_matches_by_email_and_credits_then_offers_start()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine().With("Sandbox:Bulk:StepMilliseconds", "10");
        using var zoho = app.CreateZohoClient();
        await using var ctx = ConsoleTestContext.Live();
        ctx.Services.AddSingleton<IZohoBulkReadClient>(zoho.BulkRead); // the Zoho side: the running sandbox, over HTTP
        ctx.Services.Configure<LeadSync.Core.Sync.SyncOptions>(o => o.BulkReadPollInterval = TimeSpan.FromMilliseconds(20));
        await ctx.InitializeAsync();
        await app.ZohoSeedAsync(4, "Card", DateTimeOffset.UtcNow.AddHours(-1)); // card.0@zoho.example … card.3@zoho.example
        await ctx.SeedManyAsync(3, i => new LeadFields(null, "Local", i == 1 ? "Card.0@zoho.example" : $"local.{i}@example.com", null, null, null));

        var card = ctx.Render<InitialSyncCard>();
        Assert.Contains("costs 1 credit, plus 50 per 200,000 Zoho leads", card.Find("[data-testid=initial-sync]").TextContent, StringComparison.Ordinal);
        Assert.True(card.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));

        card.Find("[data-testid=initial-sync-estimate]").Click();

        card.WaitForAssertion(() => card.Find("[data-testid=initial-sync-plan]"), TimeSpan.FromSeconds(30));
        string Cell(string id) => card.Find($"[data-testid={id}]").TextContent.Trim();
        Assert.Equal(("3", "3", "4"), (Cell("plan-local-total"), Cell("plan-never-linked"), Cell("plan-zoho-total")));
        Assert.Equal(("1", "2"), (Cell("plan-email-matches"), Cell("plan-to-create")));
        Assert.Equal(("52", "1", "53", "51"), (Cell("plan-pull-credits"), Cell("plan-push-credits"), Cell("plan-total-credits"), Cell("plan-dry-run-credits")));
        Assert.Contains("2 leads in 1 record-API call, 1 credit per 10 leads", Cell("initial-sync-plan"), StringComparison.Ordinal);
        Assert.False(card.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_estimate_zoho_cannot_answer_says_so_and_start_stays_off()
    {
        await using var ctx = ConsoleTestContext.Live(); // its Zoho address has nothing listening
        await ctx.InitializeAsync();
        var card = ctx.Render<InitialSyncCard>();

        card.Find("[data-testid=initial-sync-estimate]").Click();

        card.WaitForAssertion(() => Assert.StartsWith("Zoho refused the estimate (CONNECTION_FAILED)",
            card.Find("[data-testid=initial-sync-error]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(card.FindAll("[data-testid=initial-sync-plan]"));
        Assert.True(card.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));
    }
}
