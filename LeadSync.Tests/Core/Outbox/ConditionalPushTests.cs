using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// Nothing overwritten unseen (issue 12.1, 12.2): a push goes out only over what Zoho holds now. A Zoho user's edit made
/// before our push is merged by the policy (a conflict recorded, never a silent overwrite); a lead that changed nothing
/// costs no call; the letter case of an email travels both ways like any other edit.
/// </summary>
public sealed class ConditionalPushTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static LeadSyncAppFactory StartWith(ConflictPolicy policy) => LeadSyncAppFactory.StartForSync(f => f.With("Sync:ConflictPolicy", policy.ToString()));

    [Theory]
    [InlineData(ConflictPolicy.ZohoWins, "Zoho Edit Co", "Zoho Edit Co", ConflictResolution.Zoho, SyncState.Synced)]
    [InlineData(ConflictPolicy.NewestWins, "Local Edit Co", "Local Edit Co", ConflictResolution.Local, SyncState.Synced)] // the local edit came last
    [InlineData(ConflictPolicy.LocalWins, "Local Edit Co", "Local Edit Co", ConflictResolution.Local, SyncState.Synced)]
    [InlineData(ConflictPolicy.Manual, "Zoho Edit Co", "Local Edit Co", ConflictResolution.Pending, SyncState.Conflict)]
    public async Task A_Zoho_edit_made_before_our_push_is_merged_by_the_policy_and_recorded(
        ConflictPolicy policy, string zohoEnds, string localEnds, ConflictResolution resolution, SyncState state)
    {
        await using var app = StartWith(policy);
        var email = $"race.{policy}@example.com".ToLowerInvariant();
        var lead = await app.CreateAsync(email, company: "Original Co");
        await app.WaitSyncedAsync(lead.Id);

        await app.ZohoEditAsync(email, z => z.Company = "Zoho Edit Co");
        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields with { Company = "Local Edit Co" }, null, cancellationToken: Token);

        await Eventually.TrueAsync(async () =>
        {
            var l = (await app.LeadAsync(lead.Id))!;
            return l.SyncState == state && (state == SyncState.Conflict || await app.OutboxCountAsync() == 0);
        }, $"the lead is {state}");

        var settled = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(zohoEnds, app.ZohoSingle(email).Company);
        Assert.Equal(localEnds, settled.Company);
        var conflict = await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(c => c.LeadId == lead.Id, Token));
        Assert.Equal(("Company", "Original Co", "Local Edit Co", "Zoho Edit Co", resolution),
            (conflict.Field, conflict.AgreedValue, conflict.LocalValue, conflict.ZohoValue, conflict.Resolution));
        var history = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id).Select(h => h.Outcome).ToListAsync(Token));
        Assert.Contains(LeadHistoryOutcome.Conflict, history);
    }

    [Fact]
    public async Task A_Zoho_edit_to_another_field_made_before_our_push_is_kept_and_brought_in_without_a_conflict()
    {
        await using var app = StartWith(ConflictPolicy.ZohoWins);
        var lead = await app.CreateAsync("other.field@example.com", phone: "+1 555 0601", company: "Original Co");
        await app.WaitSyncedAsync(lead.Id);

        await app.ZohoEditAsync("other.field@example.com", z => z.Phone = "+1 555 0699");
        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields with { Company = "Local Edit Co" }, null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        var z = app.ZohoSingle("other.field@example.com");
        var l = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(("+1 555 0699", "Local Edit Co"), (z.Phone, z.Company));
        Assert.Equal(("+1 555 0699", "Local Edit Co"), (l.Phone, l.Company));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<SyncConflict>().CountAsync(Token)));
    }

    [Fact]
    public async Task A_case_only_email_change_here_reaches_Zoho_alone_and_a_Zoho_edit_made_meanwhile_survives()
    {
        await using var app = StartWith(ConflictPolicy.ZohoWins);
        var lead = await app.CreateAsync("Case.Only@Example.com", phone: "+1 555 0601", company: "Case Co");
        await app.WaitSyncedAsync(lead.Id);

        await app.ZohoEditAsync("Case.Only@Example.com", z => z.Phone = "+1 555 0699");
        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields with { Email = "case.only@example.com" }, null, cancellationToken: Token);
        await app.WaitSyncedAsync(lead.Id);

        var z = app.ZohoSingle("case.only@example.com");
        Assert.Equal(("case.only@example.com", "+1 555 0699", "Case Co"), (z.Email, z.Phone, z.Company));
        var l = (await app.LeadAsync(lead.Id))!;
        Assert.Equal(("case.only@example.com", "+1 555 0699"), (l.Email, l.Phone));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<SyncConflict>().CountAsync(Token)));
    }

    [Fact]
    public async Task A_case_only_email_change_in_Zoho_is_pulled()
    {
        await using var app = StartWith(ConflictPolicy.ZohoWins);
        var lead = await app.CreateAsync("zoho.case@example.com");
        await app.WaitSyncedAsync(lead.Id);

        await app.ZohoEditAsync("zoho.case@example.com", z => z.Email = "Zoho.Case@Example.com");
        var run = await app.PullAsync();

        Assert.Equal(1, run.Updated);
        Assert.Equal("Zoho.Case@Example.com", (await app.LeadAsync(lead.Id))!.Email);
        Assert.Equal(0, await app.OutboxCountAsync());
        Assert.Equal(0, (await app.PullAsync()).Updated); // settled: nothing echoes back
    }

    [Fact]
    public async Task Pushing_synced_leads_that_changed_nothing_costs_no_call()
    {
        await using var app = StartWith(ConflictPolicy.ZohoWins);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var lead = await app.CreateAsync($"quiet.{i}@example.com");
            await app.WaitSyncedAsync(lead.Id);
            ids.Add(lead.Id);
        }

        var credits = app.Sandbox.State().CreditsUsed;
        var run = await app.WaitForRunAsync(await app.Sync.PushAsync(ids, cancellationToken: Token));

        Assert.Equal(credits, app.Sandbox.State().CreditsUsed);
        Assert.Equal((0, 0, 5), (run.ApiCalls, run.Updated, run.Unchanged));
        foreach (var id in ids)
        {
            Assert.Equal(SyncState.Synced, (await app.LeadAsync(id))!.SyncState);
        }
    }
}
