using LeadSync.Core.Conflicts;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Core.Conflicts;

/// <summary>
/// Three-way merges against the agreed snapshot. Each test holds a local edit in the outbox (Zoho answers 429 while
/// it is pushed, and the retry waits a minute), edits the same lead in Zoho, then pulls.
/// </summary>
public sealed class ConflictTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static LeadSyncAppFactory StartWith(ConflictPolicy policy) => LeadSyncAppFactory.StartForSync(f => f
        .With("Sync:ConflictPolicy", policy.ToString())
        .With("Sync:RetryBaseDelay", "00:01:00")
        .With("Sync:RetryMaxDelay", "00:01:00")
        .With("Zoho:MaxAttempts", "1"));

    /// <summary>A synced lead, then: Zoho sets Phone and Company; LeadSync sets Phone and FirstName (held in the outbox).</summary>
    internal static async Task<Guid> ConflictingEditsAsync(LeadSyncAppFactory app, string email, bool zohoLast = false)
    {
        var lead = await app.CreateAsync(email, phone: "555-0000", company: "Base Co");
        await app.WaitSyncedAsync(lead.Id);
        if (!zohoLast)
        {
            await app.ZohoEditAsync(email, z =>
            {
                z.Phone = "555-2222";
                z.Company = "Zoho Co";
            });
        }

        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 1.0 });
        var current = (await app.LeadAsync(lead.Id))!;
        await app.Commands.UpdateAsync(lead.Id, current.Fields with { Phone = "555-1111", FirstName = "Local" }, null, cancellationToken: Token);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id && e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the local edit is held in the outbox after a 429");
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { TooManyRequestsRate = 0 });
        if (zohoLast)
        {
            await Task.Delay(1100, Token); // Zoho's Modified_Time has whole seconds: make its edit strictly newer.
            await app.ZohoEditAsync(email, z =>
            {
                z.Phone = "555-2222";
                z.Company = "Zoho Co";
            });
        }

        return lead.Id;
    }

    [Theory]
    [InlineData(ConflictPolicy.ZohoWins, "555-2222", ConflictResolution.Zoho)]
    [InlineData(ConflictPolicy.LocalWins, "555-1111", ConflictResolution.Local)]
    public async Task Field_changed_on_both_sides_is_settled_by_the_policy_and_one_sided_changes_merge(ConflictPolicy policy, string phone, ConflictResolution resolution)
    {
        await using var app = StartWith(policy);
        var id = await ConflictingEditsAsync(app, $"conflict.{policy}@example.com".ToLowerInvariant());

        var run = await app.PullAsync();

        Assert.Equal(1, run.Conflicts);
        var conflict = await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token));
        Assert.Equal(("Phone", "555-0000", "555-1111", "555-2222", resolution, policy, run.Id),
            (conflict.Field, conflict.AgreedValue, conflict.LocalValue, conflict.ZohoValue, conflict.Resolution, conflict.Policy, conflict.RunId));
        await AssertConvergedAsync(app, id, $"conflict.{policy}@example.com".ToLowerInvariant(), phone);
    }

    [Fact]
    public async Task Newest_wins_keeps_the_side_edited_last()
    {
        await using var app = StartWith(ConflictPolicy.NewestWins);
        var id = await ConflictingEditsAsync(app, "conflict.newest@example.com", zohoLast: true);

        var run = await app.PullAsync();

        Assert.Equal(1, run.Conflicts);
        Assert.Equal(ConflictResolution.Zoho, (await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token))).Resolution);
        await AssertConvergedAsync(app, id, "conflict.newest@example.com", "555-2222");
    }

    [Fact]
    public async Task Manual_policy_holds_the_lead_with_both_values_until_an_admin_picks()
    {
        await using var app = StartWith(ConflictPolicy.Manual);
        var id = await ConflictingEditsAsync(app, "conflict.manual@example.com");

        var run = await app.PullAsync();

        var held = (await app.LeadAsync(id))!;
        Assert.Equal(SyncState.Conflict, held.SyncState);
        Assert.Equal("555-1111", held.Phone);
        Assert.Equal("Zoho Co", held.Company); // one-sided changes still merge
        var open = await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token));
        Assert.Equal(("Phone", "555-1111", "555-2222", ConflictResolution.Pending), (open.Field, open.LocalValue, open.ZohoValue, open.Resolution));
        Assert.Equal(1, run.Conflicts);
        Assert.Equal(1, (await app.Sync.GetOverviewAsync(Token)).Conflicts);

        // Held: a sweep does not push it, and another pull does not open a second conflict.
        await app.WaitForRunAsync(await app.Sync.PushAsync([id], cancellationToken: Token));
        Assert.Equal("555-2222", app.ZohoSingle("conflict.manual@example.com").Phone);
        Assert.Equal(0, (await app.PullAsync()).Conflicts);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<SyncConflict>().CountAsync(Token)));

        await app.Services.GetRequiredService<ConflictResolutionService>().ResolveAsync(id, new Dictionary<string, ConflictSide> { ["Phone"] = ConflictSide.Local }, cancellationToken: Token);

        Assert.Equal(ConflictResolution.Local, (await app.QueryAsync(db => db.Set<SyncConflict>().SingleAsync(Token))).Resolution);
        await AssertConvergedAsync(app, id, "conflict.manual@example.com", "555-1111");
    }

    /// <summary>Both sides end with the merged values (FirstName from LeadSync, Company from Zoho), and nothing echoes.</summary>
    private static async Task AssertConvergedAsync(LeadSyncAppFactory app, Guid id, string email, string phone)
    {
        await Eventually.TrueAsync(async () =>
        {
            var z = app.ZohoSingle(email);
            var l = await app.LeadAsync(id);
            return l!.SyncState == SyncState.Synced && await app.OutboxCountAsync() == 0
                && z.Phone == phone && z.FirstName == "Local" && z.Company == "Zoho Co";
        }, "both sides hold the merged values");
        var lead = (await app.LeadAsync(id))!;
        Assert.Equal((phone, "Local", "Zoho Co"), (lead.Phone, lead.FirstName, lead.Company));

        var echo = await app.PullAsync();
        Assert.Equal((0, 0), (echo.Updated, echo.Conflicts));
        Assert.Equal(0, await app.OutboxCountAsync());
    }
}
