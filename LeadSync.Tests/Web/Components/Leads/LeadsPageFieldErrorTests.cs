using Bunit;
using LeadSync.Core.Data;
using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Components.Leads;

/// <summary>
/// Per-field errors on the Leads grid (docs/extra-fields.md): a warning beside the sync-state chip of a lead some mapped
/// field does not sync for, its tooltip naming each field with Zoho's code and message, and the "Field errors · N"
/// quick filter, kept in the address (<c>fielderrors=true</c>).
/// </summary>
public sealed class LeadsPageFieldErrorTests : IAsyncLifetime
{
    private readonly ConsoleTestContext ctx = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        ctx.Services.AddSingleton<IMappedFields>(new SampleMappedFields());
        return new(ctx.InitializeAsync());
    }

    public ValueTask DisposeAsync() => ctx.DisposeAsync();

    private async Task AddAsync(Guid leadId, string apiName, FieldErrorDirection direction, string code, string message)
    {
        await using var db = await ctx.Get<IDbContextFactory<LeadSyncDbContext>>().CreateDbContextAsync(Ct);
        db.Add(new LeadFieldError { LeadId = leadId, ApiName = apiName, Direction = direction, Code = code, Message = message, At = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    private static List<string> RowNames(Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        [.. page.FindAll("[data-testid=lead-row]").Select(r => r.TextContent.Trim()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_lead_a_field_does_not_sync_for_shows_a_warning_naming_each_field_and_the_quick_filter_keeps_only_such_leads()
    {
        var alpha = await ctx.CreateLeadAsync("Alpha", "alpha@example.com");
        await ctx.CreateLeadAsync("Bravo", "bravo@example.com");
        await AddAsync(alpha.Id, "Industry", FieldErrorDirection.Push, "INVALID_DATA", "the picklist value is not available");
        await AddAsync(alpha.Id, "Score__c", FieldErrorDirection.Pull, FieldErrorCodes.Unfit, "Zoho's value \"high\" does not fit Score");

        var page = ctx.RenderWithProviders<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal(["Alpha", "Bravo"], RowNames(page)));
        var badge = Assert.Single(page.FindAll("[data-testid=field-error-badge]"));
        Assert.Equal("2", badge.GetAttribute("data-count"));
        Assert.Equal(
            "2 fields do not sync: Industry (INVALID_DATA: the picklist value is not available), Score (ZOHO_VALUE_UNFIT: Zoho's value \"high\" does not fit Score)",
            badge.GetAttribute("data-summary"));
        Assert.NotNull(badge.Closest("tr")!.QuerySelector($"[data-testid=lead-row][data-lead-id='{alpha.Id}']")); // on Alpha's row
        Assert.NotNull(badge.Closest("[data-testid=sync-cell]")!.QuerySelector("[data-testid=sync-state]")); // beside its sync state
        var chip = page.Find("[data-testid=filter-field-errors]");
        Assert.Equal(("Field errors · 1", "false"), (chip.TextContent.Trim(), chip.GetAttribute("data-active")));

        chip.Click();

        page.WaitForAssertion(() => Assert.Equal(["Alpha"], RowNames(page)));
        Assert.Equal("true", page.Find("[data-testid=filter-field-errors]").GetAttribute("data-active"));
        Assert.Contains("fielderrors=true", ctx.Get<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Equal("1 lead match", page.Find("[data-testid=lead-total]").TextContent.Trim());

        page.Find("[data-testid=filter-field-errors]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Alpha", "Bravo"], RowNames(page)));
        Assert.DoesNotContain("fielderrors", ctx.Get<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_count_limit_the_quick_filter_says_more_than_instead_of_counting_every_lead()
    {
        // Issue 17: every grid load asks the count; a field Zoho refuses on every lead must not make each load walk
        // them all. Two errors on one lead count it once.
        var contexts = ctx.Get<IDbContextFactory<LeadSyncDbContext>>();
        await LeadSync.Tests.Benchmarks.BulkLeadLoader.LoadAsync(contexts, LeadQueries.FieldErrorCountLimit + 5, Ct);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            var ids = await db.Leads.Select(l => l.Id).ToListAsync(Ct);
            db.AddRange(ids.Select(id => new LeadFieldError { LeadId = id, ApiName = "Industry", Direction = FieldErrorDirection.Push, Code = "INVALID_DATA", Message = "no", At = DateTimeOffset.UtcNow }));
            db.Add(new LeadFieldError { LeadId = ids[0], ApiName = "Score__c", Direction = FieldErrorDirection.Push, Code = "INVALID_DATA", Message = "no", At = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(LeadQueries.FieldErrorCountLimit + 1, await ctx.Get<LeadQueries>().CountWithFieldErrorsAsync(Ct));
        var page = ctx.RenderWithProviders<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal(
            $"Field errors · more than {LeadQueries.FieldErrorCountLimit:N0}", page.Find("[data-testid=filter-field-errors]").TextContent.Trim()));
    }

    [Fact]
    public async Task Under_the_count_limit_the_quick_filter_counts_each_lead_once()
    {
        var alpha = await ctx.CreateLeadAsync("Alpha", "alpha@example.com");
        var bravo = await ctx.CreateLeadAsync("Bravo", "bravo@example.com");
        await ctx.CreateLeadAsync("Charlie", "charlie@example.com");
        await AddAsync(alpha.Id, "Industry", FieldErrorDirection.Push, "INVALID_DATA", "no");
        await AddAsync(alpha.Id, "Score__c", FieldErrorDirection.Pull, FieldErrorCodes.Unfit, "no");
        await AddAsync(bravo.Id, "Industry", FieldErrorDirection.Push, "INVALID_DATA", "no");

        Assert.Equal(2, await ctx.Get<LeadQueries>().CountWithFieldErrorsAsync(Ct));
    }

    [Fact]
    public async Task Without_field_errors_there_is_no_warning_nor_quick_filter_unless_the_address_asks_for_it()
    {
        await ctx.CreateLeadAsync("Alpha", "alpha@example.com");

        var page = ctx.RenderWithProviders<LeadsPage>();
        page.WaitForAssertion(() => Assert.Equal(["Alpha"], RowNames(page)));
        Assert.Empty(page.FindAll("[data-testid=field-error-badge]"));
        Assert.Empty(page.FindAll("[data-testid=filter-field-errors]"));

        ctx.Get<NavigationManager>().NavigateTo("/leads?fielderrors=true");

        page.WaitForAssertion(() => Assert.Empty(RowNames(page)));
        var chip = page.Find("[data-testid=filter-field-errors]");
        Assert.Equal(("Field errors · 0", "true"), (chip.TextContent.Trim(), chip.GetAttribute("data-active")));
        Assert.Contains("No leads match these filters", page.Find("[data-testid=leads-empty]").TextContent, StringComparison.Ordinal);
    }
}
