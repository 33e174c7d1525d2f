using LeadSync.Core.Outbox;
using AngleSharp.Dom;
using Bunit;
using Bunit.Rendering;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;

namespace LeadSync.Tests.Web.Components.Leads;

public sealed class LeadDialogTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public void Empty_last_name_shows_Cores_required_message()
    {
        var page = OpenNewLeadDialog();

        page.Find("input[data-testid=lead-lastname]").Input("Lovelace");
        page.Find("input[data-testid=lead-lastname]").Input(string.Empty);

        page.WaitForAssertion(() => Assert.Contains("Last name is required.", FieldText(page, "lead-lastname"), StringComparison.Ordinal));
    }

    [Fact]
    public void Leaving_last_name_empty_shows_the_message_on_blur()
    {
        var page = OpenNewLeadDialog();
        Assert.DoesNotContain("Last name is required.", page.Markup, StringComparison.Ordinal);

        page.Find("input[data-testid=lead-lastname]").Blur();

        page.WaitForAssertion(() => Assert.Contains("Last name is required.", FieldText(page, "lead-lastname"), StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_email_shows_Cores_format_message()
    {
        var page = OpenNewLeadDialog();

        page.Find("input[data-testid=lead-email]").Input("not-an-email");

        page.WaitForAssertion(() => Assert.Contains("Email must be a valid address such as name@example.com.", FieldText(page, "lead-email"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_with_invalid_fields_stores_nothing_and_shows_every_message()
    {
        var page = OpenNewLeadDialog();

        page.Find("[data-testid=lead-save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Last name is required.", FieldText(page, "lead-lastname"), StringComparison.Ordinal);
            Assert.Contains("Email is required.", FieldText(page, "lead-email"), StringComparison.Ordinal);
        });
        Assert.Equal(0, await ctx.Queries.CountAsync(LeadFilter.All, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Duplicate_email_on_save_is_shown_under_the_email_field()
    {
        await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada");
        var page = OpenNewLeadDialog();

        page.Find("input[data-testid=lead-lastname]").Input("Byron");
        page.Find("input[data-testid=lead-email]").Input("ADA@example.com");
        page.Find("[data-testid=lead-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Email must be unique: another lead already uses ADA@example.com", FieldText(page, "lead-email"), StringComparison.Ordinal));
        Assert.Equal(1, await ctx.Queries.CountAsync(LeadFilter.All, Xunit.TestContext.Current.CancellationToken));
        Assert.NotEmpty(page.FindAll("input[data-testid=lead-lastname]"));
    }

    [Fact]
    public async Task New_lead_dialog_creates_the_lead_in_the_database()
    {
        var page = OpenNewLeadDialog();

        page.Find("input[data-testid=lead-firstname]").Input("Grace");
        page.Find("input[data-testid=lead-lastname]").Input("Hopper");
        page.Find("input[data-testid=lead-email]").Input("grace@navy.example");
        page.Find("input[data-testid=lead-phone]").Input("+1 555 0100");
        page.Find("input[data-testid=lead-company]").Input("US Navy");
        page.Find("[data-testid=lead-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], page.FindAll("[data-testid=lead-row]").Select(e => e.TextContent.Trim())));
        Assert.Empty(page.FindAll("input[data-testid=lead-lastname]"));
        Assert.Contains("Lead created.", page.Markup, StringComparison.Ordinal);
        var stored = await ctx.Queries.GetPageAsync(new LeadPageRequest(), Xunit.TestContext.Current.CancellationToken);
        var lead = Assert.Single(stored.Items);
        Assert.Equal(("Grace", "Hopper", "grace@navy.example", "+1 555 0100", "US Navy", SyncState.Pending),
            (lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Company, lead.SyncState));
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_lead_and_saving_edits_it()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Analytical Engines");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForElement($"[data-testid=lead-row][data-lead-id='{ada.Id}']").Click();

        page.WaitForAssertion(() => Assert.Equal("Analytical Engines", page.Find("input[data-testid=lead-company]").GetAttribute("value")));
        Assert.Equal("Not linked yet", page.Find("[data-testid=lead-zoho-id]").TextContent.Trim());
        Assert.Equal("Pending", page.Find("[data-testid=lead-sync-panel] [data-testid=sync-state]").GetAttribute("data-state"));

        page.Find("input[data-testid=lead-company]").Input("Babbage & Co");
        page.Find("[data-testid=lead-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Babbage &amp; Co", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("input[data-testid=lead-company]"));
        var stored = await ctx.Queries.FindAsync(ada.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("Babbage & Co", stored!.Company);
        Assert.Equal(ada.Version + 1, stored.Version);
    }

    [Fact]
    public async Task Edit_dialog_shows_the_last_sync_error()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada");
        await ctx.UpdateLeadAsync(ada.Id, l =>
        {
            l.SyncState = SyncState.DeadLetter;
            l.ZohoId = "5725767000000412345";
            l.LastError = new SyncError("INVALID_DATA", "Email", "invalid data");
        });
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForElement("[data-testid=lead-edit]").Click();

        page.WaitForAssertion(() => Assert.Equal("5725767000000412345", page.Find("[data-testid=lead-zoho-id]").TextContent.Trim()));
        var error = page.Find("[data-testid=lead-last-error]").TextContent;
        Assert.Contains("INVALID_DATA", error, StringComparison.Ordinal);
        Assert.Contains("on Email", error, StringComparison.Ordinal);
        Assert.Contains("invalid data", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_change_shows_a_conflict_alert_and_reload_fetches_the_new_values()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada", "Analytical Engines");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForElement($"[data-testid=lead-row][data-lead-id='{ada.Id}']").Click();
        page.WaitForElement("input[data-testid=lead-company]");

        // Someone else (or a pull) changes the lead while the dialog is open.
        await ctx.Commands.UpdateAsync(ada.Id, ada.Fields with { Company = "Changed elsewhere" }, ada.Version, ChangeSource.Console, Xunit.TestContext.Current.CancellationToken);
        page.Find("input[data-testid=lead-company]").Input("My change");
        page.Find("[data-testid=lead-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=lead-conflict]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Changed elsewhere", (await ctx.Queries.FindAsync(ada.Id, Xunit.TestContext.Current.CancellationToken))!.Company);

        page.Find("[data-testid=lead-reload]").Click();
        page.WaitForAssertion(() => Assert.Equal("Changed elsewhere", page.Find("input[data-testid=lead-company]").GetAttribute("value")));
        Assert.Empty(page.FindAll("[data-testid=lead-conflict]"));
    }

    [Fact]
    public async Task Delete_in_the_dialog_removes_the_lead_after_confirmation()
    {
        var ada = await ctx.CreateLeadAsync("Lovelace", "ada@example.com", "Ada");
        await ctx.CreateLeadAsync("Hopper", "grace@example.com", "Grace");
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForElement($"[data-testid=lead-row][data-lead-id='{ada.Id}']").Click();
        page.WaitForElement("[data-testid=lead-delete]").Click();

        page.WaitForAssertion(() => Assert.Contains("Delete Ada Lovelace (ada@example.com)?", page.Find("[data-testid=confirm-message]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Grace Hopper"], page.FindAll("[data-testid=lead-row]").Select(e => e.TextContent.Trim())));
        Assert.Null(await ctx.Queries.FindAsync(ada.Id, Xunit.TestContext.Current.CancellationToken));
    }

    private IRenderedComponent<ContainerFragment> OpenNewLeadDialog()
    {
        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForElement("[data-testid=leads-empty], [data-testid=lead-row]");
        page.Find("[data-testid=new-lead]").Click();
        page.WaitForElement("input[data-testid=lead-lastname]");
        return page;
    }

    /// <summary>The text of a dialog field's control: its label, value and helper/error line.</summary>
    private static string FieldText(IRenderedComponent<ContainerFragment> page, string testId)
    {
        var input = page.Find($"input[data-testid={testId}]");
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} has no input control");
        return control.TextContent;
    }
}
