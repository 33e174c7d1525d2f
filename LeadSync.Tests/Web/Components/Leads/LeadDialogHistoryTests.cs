using Bunit;
using Bunit.Rendering;
using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>The lead dialog's sync history shows what every event changed, a line per field (issue 15.2).</summary>
public sealed class LeadDialogHistoryTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task History_rows_show_updates_in_both_directions_a_conflicts_three_values_and_the_side_a_resolution_kept()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Engines", phone: "555-0000");
        var before = ada.Fields;
        var held = new FieldConflict("Phone", "555-0000", "555-1111", "555-2222", ConflictResolution.Pending);
        await ctx.AddHistoryAsync(ada.Id, null, SyncDirection.Pull, LeadHistoryOutcome.Updated, LeadMapper.Describe(before, before with { Company = "Zoho Co" }));
        await ctx.AddHistoryAsync(ada.Id, null, SyncDirection.Push, LeadHistoryOutcome.Updated, LeadMapper.Describe(before, before with { FirstName = "Grace" }));
        await ctx.AddHistoryAsync(ada.Id, null, SyncDirection.Pull, LeadHistoryOutcome.Conflict,
            LeadMapper.DescribeMerge(before, before with { Status = "Contacted" }, [held], ConflictPolicy.Manual));
        await ctx.AddHistoryAsync(ada.Id, null, SyncDirection.Pull, LeadHistoryOutcome.Resolved,
            LeadMapper.DescribeResolution("Phone", ConflictSide.Local, "555-1111", "555-2222"));

        var page = await OpenAsync(ada.Id);

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=lead-history-row]").Count));
        var rows = page.FindAll("[data-testid=lead-history-row]");
        Assert.Equal(["Phone: LeadSync's value won · Zoho 555-2222 → 555-1111"], Lines(rows[0]));
        Assert.Equal(
            ["Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · held for an admin (Manual policy)", "Status: ∅ → Contacted"],
            Lines(rows[1]));
        Assert.Equal(("Push", "Updated"), (rows[2].GetAttribute("data-direction"), rows[2].GetAttribute("data-outcome")));
        Assert.Equal(["First name: Ada → Grace"], Lines(rows[2]));
        Assert.Equal(("Pull", "Updated"), (rows[3].GetAttribute("data-direction"), rows[3].GetAttribute("data-outcome")));
        Assert.Equal(["Company: Engines → Zoho Co"], Lines(rows[3]));
        Assert.Equal("Phone:", rows[1].QuerySelector(".change-field")!.TextContent);
    }

    private static List<string> Lines(AngleSharp.Dom.IElement row) =>
        row.QuerySelectorAll("[data-testid=change-line]").Select(l => l.TextContent.Trim()).ToList();

    /// <summary>Opens the lead dialog as the Leads page does, beside the Mud providers.</summary>
    private async Task<IRenderedComponent<ContainerFragment>> OpenAsync(Guid leadId)
    {
        var page = ctx.RenderWithProviders<MudSpacer>();
        var dialogs = ctx.Get<IDialogService>();
        _ = page.InvokeAsync(() => LeadDialog.ShowAsync(dialogs, leadId));
        await Task.Yield();
        page.WaitForElement("[data-testid=lead-sync-history]");
        return page;
    }
}
