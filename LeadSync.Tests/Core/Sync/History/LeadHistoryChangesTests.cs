using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Monitoring;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Sync.History;

/// <summary>
/// A lead's history says what each event changed (issue 15.2), read as the lead dialog and a run's page read it: a
/// Zoho edit pulled, a local edit pushed, a conflict held by the Manual policy, and its resolution, end to end.
/// </summary>
public sealed class LeadHistoryChangesTests
{
    private const string Email = "history.changes@example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_event_of_a_lead_says_what_it_changed_per_field_and_per_side_for_a_conflict()
    {
        await using var app = LeadSyncAppFactory.StartForSync(f => f
            .With("Sync:ConflictPolicy", "Manual")
            .With("Sync:RetryBaseDelay", "00:01:00")
            .With("Sync:RetryMaxDelay", "00:01:00")
            .With("Zoho:MaxAttempts", "1"));
        var lead = await app.CreateAsync(Email, phone: "555-0000", company: "Base Co");
        await app.WaitSyncedAsync(lead.Id);

        await app.ZohoEditAsync(Email, z => z.Company = "Zoho Co");
        await app.PullAsync();
        await app.Commands.UpdateAsync(lead.Id, (await app.LeadAsync(lead.Id))!.Fields with { FirstName = "Grace" }, null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);
        var conflictRun = await ConflictAsync(app, lead.Id);
        await app.Services.GetRequiredService<ConflictResolutionService>()
            .ResolveAsync(lead.Id, new Dictionary<string, ConflictSide> { ["Phone"] = ConflictSide.Local }, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        var history = await app.Services.GetRequiredService<LeadHistoryQueries>().GetAsync(lead.Id, cancellationToken: Token);
        Assert.Equal(["Company: Base Co → Zoho Co"], Row(history, SyncDirection.Pull, LeadHistoryOutcome.Updated));
        Assert.Equal(["First name: Ada → Grace"], Row(history, SyncDirection.Push, LeadHistoryOutcome.Updated, newest: false));
        Assert.Equal(
            [
                "Phone: changed on both sides · agreed 555-0000 · LeadSync 555-1111 · Zoho 555-2222 · held for an admin (Manual policy)",
                "Company: Zoho Co → Zoho Two Co",
            ],
            Row(history, SyncDirection.Pull, LeadHistoryOutcome.Conflict));
        Assert.Equal(["Phone: LeadSync's value won · Zoho 555-2222 → 555-1111"], Row(history, SyncDirection.Pull, LeadHistoryOutcome.Resolved));
        Assert.Equal(["Phone: 555-2222 → 555-1111"], Row(history, SyncDirection.Push, LeadHistoryOutcome.Updated));
        Assert.DoesNotContain(history, h => h.Changes.Count == 0 && h.Outcome is LeadHistoryOutcome.Updated or LeadHistoryOutcome.Conflict or LeadHistoryOutcome.Resolved);

        // A run's page reads the same text.
        var events = await app.Services.GetRequiredService<SyncRunQueries>().GetEventsAsync(conflictRun, errorsOnly: false, 0, 25, Token);
        Assert.Equal(string.Join('\n', Row(history, SyncDirection.Pull, LeadHistoryOutcome.Conflict)), Assert.Single(events.Items).Changes);
    }

    /// <summary>LeadSync sets Phone (held in the outbox by a 429), Zoho sets Phone and Company, a pull holds the lead; answers the pull's run.</summary>
    private static async Task<Guid> ConflictAsync(LeadSyncAppFactory app, Guid leadId)
    {
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
        await app.Commands.UpdateAsync(leadId, (await app.LeadAsync(leadId))!.Fields with { Phone = "555-1111" }, null, cancellationToken: Token);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == leadId && e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the local edit is held in the outbox after a 429");
        app.Faults(new SandboxFaultPatch { TooManyRequestsRate = 0 });
        await app.ZohoEditAsync(Email, z =>
        {
            z.Phone = "555-2222";
            z.Company = "Zoho Two Co";
        });
        var run = await app.PullAsync();
        Assert.Equal(SyncState.Conflict, (await app.LeadAsync(leadId))!.SyncState);
        return run.Id;
    }

    /// <summary>The change lines of the newest (or oldest) row with this direction and outcome.</summary>
    private static IReadOnlyList<string> Row(IReadOnlyList<LeadHistoryItem> history, SyncDirection direction, LeadHistoryOutcome outcome, bool newest = true)
    {
        var rows = history.Where(h => h.Direction == direction && h.Outcome == outcome).ToList(); // newest first
        Assert.NotEmpty(rows);
        return (newest ? rows[0] : rows[^1]).Changes;
    }
}
