using Bunit;
using LeadSync.Core.Data;
using LeadSync.Core.Fields.Errors;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Failures;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Web.Components.Failures;

/// <summary>
/// Per-field errors on the Failures page (docs/extra-fields.md): "fields that do not sync" — label, way, Zoho's message,
/// how many leads, what to do, and the leads.
/// </summary>
public sealed class FieldErrorDisplayTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(ctx.InitializeAsync());

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private async Task AddAsync(Guid leadId, string apiName, FieldErrorDirection direction, string code, string message)
    {
        await using var db = await ctx.Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        db.Add(new LeadFieldError { LeadId = leadId, ApiName = apiName, Direction = direction, Code = code, Message = message, At = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task The_failures_page_lists_each_field_that_does_not_sync_with_its_leads_and_what_to_do()
    {
        var a = await ctx.CreateLeadAsync("Alpha", "a@example.com");
        var b = await ctx.CreateLeadAsync("Bravo", "b@example.com");
        await AddAsync(a.Id, "Industry", FieldErrorDirection.Push, "INVALID_DATA", "invalid data");
        await AddAsync(b.Id, "Industry", FieldErrorDirection.Push, "INVALID_DATA", "the picklist value is not available");
        await AddAsync(b.Id, "Seats__c", FieldErrorDirection.Pull, FieldErrorCodes.Unfit, "Zoho's value \"five\" does not fit Seats");

        var page = ctx.RenderWithProviders<FailuresPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=field-error-group]").Count));
        var industry = page.Find("[data-testid=field-error-group][data-field=Industry]");
        Assert.Equal("2 leads", industry.QuerySelector("[data-testid=field-error-count]")!.TextContent.Trim());
        Assert.Equal("INVALID_DATA", industry.QuerySelector("[data-testid=field-error-code]")!.TextContent.Trim());
        Assert.Equal("the picklist value is not available", industry.QuerySelector("[data-testid=field-error-message]")!.TextContent.Trim()); // the latest
        Assert.Contains("pick a value Zoho takes", industry.QuerySelector("[data-testid=field-error-advice]")!.TextContent, StringComparison.Ordinal);
        var seats = page.Find("[data-testid=field-error-group][data-field=Seats__c]");
        Assert.Contains("Zoho → LeadSync", seats.TextContent, StringComparison.Ordinal);
        Assert.Contains("accept Zoho's change", seats.QuerySelector("[data-testid=field-error-advice]")!.TextContent, StringComparison.Ordinal);
        // Opening the row lists its leads, each linking to the lead's dialog.
        page.Find("[data-testid=field-error-group][data-field=Industry] .mud-expand-panel-header").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.Find("[data-testid=field-error-group][data-field=Industry]").QuerySelectorAll("[data-testid=field-error-lead]").Length));
        Assert.Contains(page.FindAll("[data-testid=field-error-lead]"), l => l.OuterHtml.Contains($"lead={a.Id}", StringComparison.Ordinal));
        // Not failed as a whole: no failure group, and the page says so.
        Assert.Empty(page.FindAll("[data-testid=failure-group]"));
        Assert.Contains("No lead is failing as a whole", page.Find("[data-testid=no-failures]").TextContent, StringComparison.Ordinal);
    }
}
