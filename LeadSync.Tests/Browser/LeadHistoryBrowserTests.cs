using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Components.Pages.Leads;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LeadSync.Tests.Browser;

/// <summary>
/// History that says what changed (issue 15.2) in Chromium over real sync data: a Zoho edit pulled, a local edit
/// pushed and a conflict held by the Manual policy, seen in the lead dialog's history and on the conflict's run page.
/// Saves the acceptance screenshots.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class LeadHistoryBrowserTests(BrowserFixture browser)
{
    private const string Email = "history.browser@example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lead_dialog_and_the_run_page_show_each_events_field_changes()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:ConflictPolicy", "Manual")
            .With("Sync:RetryBaseDelay", "00:01:00")
            .With("Sync:RetryMaxDelay", "00:01:00")
            .With("Zoho:MaxAttempts", "1"));
        var (leadId, conflictRun) = await HistoryAsync(app);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await app.SignInAsync(page);
        await BrowserArtifacts.CaptureOnFailureAsync(nameof(The_lead_dialog_and_the_run_page_show_each_events_field_changes), [page], async () =>
        {
            await page.GotoAsync(new Uri(app.Start(), LeadLinks.Edit(leadId).TrimStart('/')).ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            var conflict = page.Locator("[data-testid=lead-history-row][data-outcome=Conflict]");
            await Assertions.Expect(conflict.Locator("[data-testid=change-line]").First).ToHaveTextAsync(
                "Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · held for an admin (Manual policy)");
            await Assertions.Expect(page.Locator("[data-testid=lead-history-row][data-outcome=Updated][data-direction=Pull] [data-testid=change-line]"))
                .ToHaveTextAsync("Company: Base Co → Zoho Co");
            await Assertions.Expect(page.Locator("[data-testid=lead-history-row][data-outcome=Updated][data-direction=Push] [data-testid=change-line]"))
                .ToHaveTextAsync("First name: Ada → Grace");
            await page.Locator("[data-testid=lead-sync-history]").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-lead-history.png"), FullPage = true });

            await page.GotoAsync(new Uri(app.Start(), $"runs/{conflictRun}").ToString());
            await LeadSyncAppFactory.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=run-events] [data-testid=change-line]")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserArtifacts.AcceptanceDirectory, "issue15-run-changes.png"), FullPage = true });
        });
    }

    /// <summary>A Zoho edit pulled, a local edit pushed, then a Manual conflict on Phone with a Zoho edit of Company; answers the lead and the conflict's run.</summary>
    private static async Task<(Guid Lead, Guid ConflictRun)> HistoryAsync(LeadSyncAppFactory app)
    {
        var lead = await app.CreateAsync(Email, phone: "555-0000", company: "Base Co");
        await app.WaitSyncedAsync(lead.Id);
        await app.ZohoEditAsync(Email, z => z.Company = "Zoho Co");
        await app.PullAsync();
        await app.Commands.UpdateAsync(lead.Id, (await app.LeadAsync(lead.Id))!.Fields with { FirstName = "Grace" }, null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
        await app.Commands.UpdateAsync(lead.Id, (await app.LeadAsync(lead.Id))!.Fields with { Phone = "555-1111" }, null, cancellationToken: Token);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the local edit is held in the outbox after a 429");
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 0 });
        await app.ZohoEditAsync(Email, z =>
        {
            z.Phone = "555-2222";
            z.Company = "Zoho Two Co";
        });
        var run = await app.PullAsync();
        Assert.Equal(SyncState.Conflict, (await app.LeadAsync(lead.Id))!.SyncState);
        Assert.True(await app.QueryAsync(db => db.Set<LeadHistoryEntry>().AnyAsync(h => h.RunId == run.Id && h.Outcome == LeadHistoryOutcome.Conflict, Token)));
        return (lead.Id, run.Id);
    }
}
