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
/// said plainly.
/// </summary>
public sealed class InitialSyncCardTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Estimate_shows_counts_per_side_matches_by_email_and_credits_then_offers_start()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine().With("Sandbox:Bulk:StepMilliseconds", "10");
        using var zoho = app.CreateZohoClient();
        ctx.Services.AddSingleton<IZohoBulkReadClient>(zoho.BulkRead); // the Zoho side: the running sandbox, over HTTP
        await app.ZohoSeedAsync(4, "Card", DateTimeOffset.UtcNow.AddHours(-1)); // card.0@zoho.example … card.3@zoho.example
        await ctx.SeedManyAsync(3, i => new LeadFields(null, "Local", i == 1 ? "Card.0@zoho.example" : $"local.{i}@example.com", null, null, null));

        var page = ctx.RenderWithProviders<SettingsPage>();
        var section = page.WaitForElement("[data-testid=initial-sync]");
        Assert.Contains("costs 1 credit, plus 50 per 200,000 Zoho leads", section.TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));

        page.Find("[data-testid=initial-sync-estimate]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=initial-sync-plan]"), TimeSpan.FromSeconds(30));
        string Cell(string id) => page.Find($"[data-testid={id}]").TextContent.Trim();
        Assert.Equal(("3", "3", "4"), (Cell("plan-local-total"), Cell("plan-never-linked"), Cell("plan-zoho-total")));
        Assert.Equal(("1", "2"), (Cell("plan-email-matches"), Cell("plan-to-create")));
        Assert.Equal(("52", "1", "53", "51"), (Cell("plan-pull-credits"), Cell("plan-push-credits"), Cell("plan-total-credits"), Cell("plan-dry-run-credits")));
        Assert.Contains("2 leads in 1 record-API call(s)", page.Find("[data-testid=initial-sync-plan]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void An_estimate_zoho_cannot_answer_says_so_and_start_stays_off()
    {
        // The context's Zoho address has nothing listening.
        var page = ctx.RenderWithProviders<SettingsPage>();
        page.WaitForElement("[data-testid=initial-sync-estimate]").Click();

        page.WaitForAssertion(() => Assert.Contains("Zoho refused the estimate (CONNECTION_FAILED)",
            page.Find("[data-testid=initial-sync-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("[data-testid=initial-sync-plan]"));
        Assert.True(page.Find("[data-testid=initial-sync-start]").HasAttribute("disabled"));
    }
}
