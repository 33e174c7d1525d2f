using Bunit;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>A link to a lead's field (from the Failures page, issue 15.6) opens its dialog with that field's editor focused.</summary>
public sealed class LeadLinkTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task A_link_to_a_leads_field_opens_the_dialog_focused_on_it_with_its_rule_and_what_to_do()
    {
        await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace");
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada");
        await ctx.UpdateLeadAsync(ada.Id, l => l.Apply(l.Fields with { Phone = "555 #12" })); // written around LeadCommands
        await ctx.FailPushAsync(ada.Id, "INVALID_DATA", "Phone", "invalid data");
        ctx.Get<NavigationManager>().NavigateTo(LeadLinks.Edit(ada.Id, "Phone"));

        var page = ctx.RenderWithProviders<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal("555 #12", page.Find("input[data-testid=lead-phone]").GetAttribute("value")));
        // The phone's input is focused (that the dialog does not take the focus back is for the browser test to see).
        var phone = page.FindComponents<MudTextField<string>>().Single(c => c.Instance.Label == "Phone").Instance;
        page.WaitForAssertion(() => Assert.Contains(
            ctx.JSInterop.Invocations["Blazor._internal.domWrapper.focus"],
            focus => focus.Arguments[0] is ElementReference target && target.Id == phone.InputReference!.ElementReference.Id));
        Assert.Contains("Phone may contain only", page.Find("input[data-testid=lead-phone]").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Phone: Zoho allows only digits, spaces and +", page.Find("[data-testid=lead-error-advice]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=lead-dialog]"));
    }
}
