using Bunit;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Conflicts;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Conflicts;

public sealed class ConflictsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task A_held_lead_shows_agreed_local_and_zoho_values_side_by_side()
    {
        var lead = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", phone: "+44 20 1111");
        await ctx.HoldConflictAsync(lead.Id, "Phone", agreed: "+44 20 0000", zohoValue: "+44 20 2222");

        var page = ctx.RenderWithProviders<ConflictsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conflict-lead]")));
        var row = page.Find("[data-testid=conflict-field][data-field=Phone]");
        Assert.Equal("+44 20 0000", row.QuerySelector("[data-testid=agreed-value]")!.TextContent.Trim());
        Assert.Equal("+44 20 1111", row.QuerySelector("[data-testid=local-value]")!.TextContent.Trim());
        Assert.Equal("+44 20 2222", row.QuerySelector("[data-testid=zoho-value]")!.TextContent.Trim());
        Assert.Equal("Ada Lovelace", page.Find("[data-testid=conflict-lead-name]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=apply-choices]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Picking_zoho_for_the_field_resolves_the_lead_with_zohos_value()
    {
        var lead = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", company: "Local Ltd");
        await ctx.HoldConflictAsync(lead.Id, "Company", agreed: "Old Ltd", zohoValue: "Zoho Ltd");
        var page = ctx.RenderWithProviders<ConflictsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conflict-lead]")));

        page.Find("[data-testid=conflict-field][data-field=Company] input[data-testid=pick-zoho], [data-testid=conflict-field][data-field=Company] [data-testid=pick-zoho] input").Click();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=apply-choices]").HasAttribute("disabled")));
        page.Find("[data-testid=apply-choices]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-conflicts]")));
        var stored = await ctx.Queries.FindAsync(lead.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("Zoho Ltd", stored!.Company);
        Assert.NotEqual(SyncState.Conflict, stored.SyncState);
        var history = await ctx.Get<ConflictQueries>().GetHistoryAsync(0, 10, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(("Company", ConflictResolution.Zoho), (history.Items.Single().Field, history.Items.Single().Resolution));
    }

    [Fact]
    public async Task Keep_all_local_keeps_every_local_value_and_queues_the_push()
    {
        var lead = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", company: "Local Ltd", phone: "111");
        await ctx.HoldConflictAsync(lead.Id, "Company", agreed: "Old Ltd", zohoValue: "Zoho Ltd");
        await ctx.HoldConflictAsync(lead.Id, "Phone", agreed: "000", zohoValue: "222");
        var page = ctx.RenderWithProviders<ConflictsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=conflict-field]").Count));

        page.Find("[data-testid=keep-all-local]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-conflicts]")));
        var stored = await ctx.Queries.FindAsync(lead.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(("Local Ltd", "111", SyncState.Pending), (stored!.Company, stored.Phone, stored.SyncState));
    }

    [Fact]
    public async Task A_policy_applied_to_selected_leads_resolves_only_those()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", company: "A local");
        var grace = await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace", company: "G local");
        await ctx.HoldConflictAsync(ada.Id, "Company", "A old", "A zoho");
        await ctx.HoldConflictAsync(grace.Id, "Company", "G old", "G zoho");
        var page = ctx.RenderWithProviders<ConflictsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=conflict-lead]").Count));

        page.Find($"[data-testid=conflict-lead][data-lead-id='{grace.Id}'] input[data-testid=conflict-select], [data-testid=conflict-lead][data-lead-id='{grace.Id}'] [data-testid=conflict-select] input").Change(true);
        var policy = page.FindComponent<MudSelect<ConflictPolicy>>();
        await policy.InvokeAsync(() => policy.Instance.ValueChanged.InvokeAsync(ConflictPolicy.ZohoWins));
        page.Find("[data-testid=apply-selected]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conflict-lead]")));
        Assert.Equal(ada.Id.ToString(), page.Find("[data-testid=conflict-lead]").GetAttribute("data-lead-id"));
        Assert.Equal("G zoho", (await ctx.Queries.FindAsync(grace.Id, Xunit.TestContext.Current.CancellationToken))!.Company);
        Assert.Equal(SyncState.Conflict, (await ctx.Queries.FindAsync(ada.Id, Xunit.TestContext.Current.CancellationToken))!.SyncState);
    }
}
