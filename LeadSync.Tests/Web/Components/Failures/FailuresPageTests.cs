using Bunit;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Failures;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Components.Failures;

public sealed class FailuresPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    [Fact]
    public async Task Failures_are_grouped_by_zoho_code_and_field_with_counts_and_dead_letters()
    {
        var a = await ctx.CreateLeadAsync("A", "a@example.com");
        var b = await ctx.CreateLeadAsync("B", "b@example.com");
        var c = await ctx.CreateLeadAsync("C", "c@example.com");
        await ctx.CreateLeadAsync("Fine", "fine@example.com");
        await ctx.FailPushAsync(a.Id, "INVALID_DATA", "Email", "invalid data");
        await ctx.FailPushAsync(b.Id, "INVALID_DATA", "Email", "invalid data", deadLettered: true, attempts: 8);
        await ctx.FailPushAsync(c.Id, "DUPLICATE_DATA", "Email", "duplicate data");

        var page = ctx.RenderWithProviders<FailuresPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failure-group]").Count));
        var invalid = page.Find("[data-testid=failure-group][data-code=INVALID_DATA]");
        Assert.Equal("2 leads", invalid.QuerySelector("[data-testid=group-count]")!.TextContent.Trim());
        Assert.Equal("Email", invalid.QuerySelector("[data-testid=group-field]")!.TextContent.Trim());
        Assert.Equal("invalid data", invalid.QuerySelector("[data-testid=group-message]")!.TextContent.Trim());
        Assert.Equal("1 dead-lettered", invalid.QuerySelector("[data-testid=group-dead]")!.TextContent.Trim());
        var duplicate = page.Find("[data-testid=failure-group][data-code=DUPLICATE_DATA]");
        Assert.Equal("1 lead", duplicate.QuerySelector("[data-testid=group-count]")!.TextContent.Trim());
        Assert.Null(duplicate.QuerySelector("[data-testid=group-dead]"));
        Assert.Equal("3 failed leads", page.Find("[data-testid=failure-total]").TextContent.Trim());
        Assert.Equal("1 dead-lettered", page.Find("[data-testid=dead-letter-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Expanding_a_group_lists_its_leads_and_retrying_selected_requeues_only_those()
    {
        var a = await ctx.CreateLeadAsync("Alpha", "a@example.com");
        var b = await ctx.CreateLeadAsync("Bravo", "b@example.com");
        await ctx.FailPushAsync(a.Id, "INVALID_DATA", "Phone", "invalid data");
        await ctx.FailPushAsync(b.Id, "INVALID_DATA", "Phone", "invalid data", deadLettered: true, attempts: 8);
        var page = ctx.RenderWithProviders<FailuresPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=failure-group]")));

        page.Find("[data-testid=failure-group] .mud-expand-panel-header").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failed-lead]").Count));
        // Dead letters first, marked by their chip.
        Assert.Equal(["Bravo", "Alpha"], page.FindAll("[data-testid=failed-lead]").Select(e => e.TextContent.Trim()));
        Assert.Equal("DeadLetter", page.FindAll("[data-testid=failed-leads] [data-testid=sync-state]")[0].GetAttribute("data-state"));

        page.Find($"input[data-testid=failed-lead-select], [data-testid=failed-lead-select] input").Change(true); // Bravo, the dead letter
        page.Find("[data-testid=retry-selected]").Click();

        page.WaitForAssertion(() => Assert.Equal("1 failed leads", page.Find("[data-testid=failure-total]").TextContent.Trim()));
        Assert.NotEqual(SyncState.DeadLetter, (await ctx.Queries.FindAsync(b.Id, Xunit.TestContext.Current.CancellationToken))!.SyncState);
        Assert.Equal(SyncState.Error, (await ctx.Queries.FindAsync(a.Id, Xunit.TestContext.Current.CancellationToken))!.SyncState);
        await using var db = await ctx.Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.False((await db.Set<OutboxEntry>().SingleAsync(e => e.LeadId == b.Id, Xunit.TestContext.Current.CancellationToken)).DeadLettered);
    }

    [Fact] // issue 15.6
    public async Task A_group_says_what_to_do_and_each_of_its_leads_links_to_the_field_in_the_lead_dialog()
    {
        var a = await ctx.CreateLeadAsync("Alpha", "a@example.com");
        var b = await ctx.CreateLeadAsync("Bravo", "b@example.com");
        await ctx.FailPushAsync(a.Id, "INVALID_DATA", "Phone", "invalid data");
        await ctx.FailPushAsync(b.Id, "UNKNOWN_REFUSAL", null, "something Zoho says");
        var page = ctx.RenderWithProviders<FailuresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failure-group]").Count));

        var phone = page.Find("[data-testid=failure-group][data-code=INVALID_DATA]");
        Assert.Equal(
            "Phone: Zoho allows only digits, spaces and + ( ) . - / x (+ only first, x before an extension), with at least one digit; at most 30 characters — edit the lead or fix it in Zoho.",
            phone.QuerySelector("[data-testid=group-advice]")!.TextContent.Trim());
        Assert.Null(page.Find("[data-testid=failure-group][data-code=UNKNOWN_REFUSAL]").QuerySelector("[data-testid=group-advice]"));

        phone.QuerySelector(".mud-expand-panel-header")!.Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=failed-lead-link]")));
        Assert.Equal($"/leads?lead={a.Id}&field=Phone", page.Find("[data-testid=failed-lead-link]").GetAttribute("href"));
        Assert.Equal("Alpha", page.Find("[data-testid=failed-lead-link]").TextContent.Trim());

        page.Find("[data-testid=failure-group][data-code=UNKNOWN_REFUSAL] .mud-expand-panel-header").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failed-lead-link]").Count));
        Assert.Contains($"/leads?lead={b.Id}", page.FindAll("[data-testid=failed-lead-link]").Select(l => l.GetAttribute("href")));
    }

    [Fact]
    public async Task Retry_all_requeues_every_failed_and_dead_lettered_lead()
    {
        var a = await ctx.CreateLeadAsync("Alpha", "a@example.com");
        var b = await ctx.CreateLeadAsync("Bravo", "b@example.com");
        await ctx.FailPushAsync(a.Id, "MANDATORY_NOT_FOUND", "LastName", "required field not found");
        await ctx.FailPushAsync(b.Id, "INVALID_DATA", "Email", "invalid data", deadLettered: true, attempts: 8);
        var page = ctx.RenderWithProviders<FailuresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=failure-group]").Count));

        page.Find("[data-testid=retry-all]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-failures]")));
        Assert.All([a.Id, b.Id], id => Assert.Equal(SyncState.Pending, ctx.Queries.FindAsync(id, Xunit.TestContext.Current.CancellationToken).GetAwaiter().GetResult()!.SyncState));
    }
}
