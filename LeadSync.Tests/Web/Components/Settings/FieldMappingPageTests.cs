using Bunit;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Settings.Fields;
using LeadSync.ZohoSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Settings;

/// <summary>
/// The field mapping page (docs/zoho §2.12) over Core's real services and stored metadata: every field with its type
/// and flags, the core six fixed, read-only and unsupported fields not writable, a flagged Zoho change, and a change
/// that says what it will do before it is applied.
/// </summary>
public sealed class FieldMappingPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await ctx.InitializeAsync();
        await using var db = await ctx.Contexts.CreateDbContextAsync(Ct);
        db.AddRange(SandboxStandardFields.All.Select((f, i) => new CachedZohoField
        {
            ApiName = f.ApiName, Position = i, Definition = FieldDefinitionJson.Write(f), ReadAt = ctx.Clock.GetUtcNow(),
        }));
        var region = SandboxStandardFields.All.Single(f => f.ApiName == "Region__c");
        db.Add(new FieldMapping
        {
            ApiName = "Region__c", Direction = FieldSyncDirection.ZohoToLeadSync, Position = 1, MappedAt = ctx.Clock.GetUtcNow(),
            MappedDefinition = FieldDefinitionJson.Write(region with { PicklistValues = [.. region.PicklistValues, "Mars"] }),
        });
        await db.SaveChangesAsync(Ct);
        var zohoId = 9_100_000_000_000_000_000L;
        foreach (var lead in await ctx.SeedLeadsAsync(SyncState.Synced, "One", "Two", "Three"))
        {
            var id = (zohoId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ctx.UpdateLeadAsync(lead.Id, l => l.ZohoId = id);
        }
    }

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private static string Switch(string apiName) => $"[data-testid=map-{apiName}] input, input[data-testid=map-{apiName}]";

    [Fact]
    public void Every_field_is_listed_with_its_type_and_the_core_six_cannot_be_switched_off()
    {
        var page = ctx.RenderWithProviders<FieldMappingPage>();

        page.WaitForAssertion(() => Assert.Equal(SandboxStandardFields.All.Count, page.FindAll("[data-testid=field-mapping-table] tbody tr").Count));
        var lastName = page.Find(Switch("Last_Name"));
        Assert.True(lastName.HasAttribute("checked"));
        Assert.True(lastName.HasAttribute("disabled"));
        Assert.True(page.Find(Switch("Lead_Score__c")).HasAttribute("disabled"));
        Assert.False(page.Find(Switch("Owner")).HasAttribute("disabled"));
        var budget = page.FindAll("[data-testid=field-mapping-table] tbody tr").Single(r => r.TextContent.Contains("Budget__c", StringComparison.Ordinal));
        Assert.Contains("Currency", budget.TextContent, StringComparison.Ordinal);
        Assert.Contains("Custom", budget.TextContent, StringComparison.Ordinal);
        var score = page.FindAll("[data-testid=field-mapping-table] tbody tr").Single(r => r.TextContent.Contains("Lead_Score__c", StringComparison.Ordinal));
        Assert.Contains("Not supported", score.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_zoho_changed_under_the_mapping_is_flagged()
    {
        var page = ctx.RenderWithProviders<FieldMappingPage>();

        page.WaitForAssertion(() => Assert.Contains("removed the value \"Mars\"", page.Find("[data-testid=problem-Region__c]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Zoho changed 1 mapped field", page.Find("[data-testid=mapping-problems]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=accept-Region__c]"));
    }

    [Fact]
    public async Task Mapping_a_field_says_what_it_will_do_before_saving_then_saves_and_follows_the_backfill()
    {
        var page = ctx.RenderWithProviders<FieldMappingPage>();
        page.WaitForElement(Switch("Industry")).Change(true);

        page.WaitForAssertion(() => Assert.Contains("1 unsaved change", page.Find("[data-testid=mapping-pending]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(await ctx.Services.GetRequiredService<IMappedFields>().GetAsync(Ct), m => m.ApiName == "Industry");
        page.Find("[data-testid=mapping-review]").Click();

        page.WaitForAssertion(() => Assert.StartsWith(
            "Backfill Industry for 3 leads from Zoho: about 1 credit", page.Find("[data-testid=mapping-plan-step]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(await ctx.Services.GetRequiredService<IMappedFields>().GetAsync(Ct), m => m.ApiName == "Industry");
        page.Find("[data-testid=mapping-apply]").Click();

        page.WaitForElement("[data-testid=backfill-progress]");
        var mapped = await ctx.Services.GetRequiredService<IMappedFields>().GetAsync(Ct);
        Assert.Equal(FieldSyncDirection.BothWays, Assert.Single(mapped, m => m.ApiName == "Industry").Direction);
        Assert.Empty(page.FindAll("[data-testid=mapping-pending]"));
    }

    [Fact]
    public void A_lookup_is_mapped_from_zoho_only_and_offers_no_other_direction()
    {
        var page = ctx.RenderWithProviders<FieldMappingPage>();
        page.WaitForElement(Switch("Owner")).Change(true);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=direction-Owner]")));
        var owner = page.FindAll("[data-testid=field-mapping-table] tbody tr").Single(r => r.TextContent.Contains("Owner", StringComparison.Ordinal) && r.TextContent.Contains("Lead Owner", StringComparison.Ordinal));
        Assert.Contains("Zoho → LeadSync", owner.TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=mapping-review]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Backfill Lead Owner for 3 leads", page.Find("[data-testid=mapping-plan-step]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_writable_field_offers_a_direction_once_switched_on_starting_both_ways()
    {
        var page = ctx.RenderWithProviders<FieldMappingPage>();
        Assert.Empty(page.FindAll("[data-testid=direction-Industry]"));

        page.WaitForElement(Switch("Industry")).Change(true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=direction-Industry]")));
        var select = page.Find("[data-testid=direction-Industry]");
        Assert.Contains("Both ways", (select.Closest(".mud-select") ?? select).OuterHtml, StringComparison.Ordinal);
    }
}
