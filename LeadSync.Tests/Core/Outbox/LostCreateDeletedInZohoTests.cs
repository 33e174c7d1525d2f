using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using LeadSync.ZohoSandbox;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>
/// A create whose answer was lost, whose record a Zoho user deleted before the retry (docs/zoho §2.4 and §2.8): the
/// record is among no leads Zoho holds, so the retry's upsert by email would make the deleted lead again. Found by the
/// model-checked test (seed b6BlrDbH4UI1, invariant I4). Over real HTTP against the sandbox, Zoho's answers really lost.
/// </summary>
public sealed class LostCreateDeletedInZohoTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// An app whose failed pushes wait a minute (the test retries them itself) with a create whose answer Zoho dropped:
    /// the record it made is in Zoho, the lead here knows nothing of it. <paramref name="first"/> runs before the create.
    /// </summary>
    private static async Task<(LeadSyncAppFactory App, Lead Lead, SandboxLead Made)> LostCreateAsync(string email, Func<LeadSyncAppFactory, Task>? first = null)
    {
        var app = LeadSyncAppFactory.StartForSync(f => f.With("Sync:RetryBaseDelay", "00:01:00").With("Sync:RetryMaxDelay", "00:01:00"));
        if (first is not null)
        {
            await first(app);
        }

        app.Sandbox.Faults.Apply(new SandboxFaultPatch { DropResponseRate = 1.0 });
        var lead = await app.CreateAsync(email, lastName: "Hopper");
        await Eventually.TrueAsync(async () => await app.QueryAsync(db => db.Set<OutboxEntry>().AnyAsync(e => e.Attempts >= 1 && e.ClaimedBy == null, Token)),
            "the lost answer counted as a failed attempt", TimeSpan.FromSeconds(90)); // a bound, not a speed
        app.Sandbox.Faults.Apply(new SandboxFaultPatch { DropResponseRate = 0 });
        var made = app.ZohoSingle(email);
        Assert.Null((await app.LeadAsync(lead.Id))!.ZohoId);
        return (app, lead, made);
    }

    [Fact]
    public async Task A_lost_create_whose_record_a_Zoho_user_deleted_is_held_for_a_person_not_made_again()
    {
        var (app, lead, made) = await LostCreateAsync("held.lost@example.com");
        await using var _ = app;
        await app.Sandbox.Leads.DeleteAsync(made.Id, Token); // a Zoho user deletes the record the lost create made

        await app.Sync.RetryFailedAsync([lead.Id], Token); // its run, or a drain the retry nudged, takes the entry

        var held = (await Eventually.ReadAsync(() => app.LeadAsync(lead.Id), l => l?.SyncState != SyncState.Pending, "the retried create settled"))!;
        Assert.Empty(app.ZohoByEmail("held.lost@example.com")); // not made again
        Assert.Equal((SyncState.Error, null), (held.SyncState, held.ZohoId));
        Assert.Equal(LostCreateRecovery.DeletedAfterLostCreateCode, held.LastError!.Code);
        Assert.Contains("'Ada Hopper'", held.LastError.Message, StringComparison.Ordinal);
        Assert.Contains(made.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), held.LastError.Message, StringComparison.Ordinal);
        Assert.StartsWith("A Zoho user most likely deleted this lead", SyncErrorAdvice.For(held.LastError), StringComparison.Ordinal);
        Assert.Equal(0, await app.OutboxCountAsync()); // nothing goes to Zoho by itself
        var history = await app.QueryAsync(db => db.Set<LeadHistoryEntry>().Where(h => h.LeadId == lead.Id).ToListAsync(Token));
        Assert.Contains(history, h => h.Outcome == LeadHistoryOutcome.Failed && h.ErrorCode == LostCreateRecovery.DeletedAfterLostCreateCode);

        // A full resync queues every never-linked lead, but not one held for a person.
        Assert.Null((await app.WaitForRunAsync(await app.Sync.FullResyncAsync(cancellationToken: Token))).Error);
        Assert.Empty(app.ZohoByEmail("held.lost@example.com"));
        Assert.Equal(LostCreateRecovery.DeletedAfterLostCreateCode, (await app.LeadAsync(lead.Id))!.LastError?.Code);
        Assert.Equal(0, await app.OutboxCountAsync());

        // A person decides to keep it: the retry creates it in Zoho again, as a new record.
        await app.WaitForRunAsync(await app.Sync.RetryFailedAsync([lead.Id], Token));
        await app.WaitSyncedAsync(lead.Id);

        var again = app.ZohoSingle("held.lost@example.com");
        Assert.NotEqual(made.Id, again.Id);
        Assert.Equal(again.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await app.LeadAsync(lead.Id))!.ZohoId);
    }

    [Fact]
    public async Task Only_an_unknown_record_of_the_leads_own_name_holds_a_lost_create_back()
    {
        // Another lead of the same name, linked here, whose record a Zoho user deletes too: its id is known, so it is not
        // taken for the record the lost create made.
        var (app, lead, made) = await LostCreateAsync("renamed.lost@example.com", async app =>
        {
            var namesake = await app.CreateAsync("namesake@example.com", lastName: "Hopper");
            await app.WaitSyncedAsync(namesake.Id);
        });
        await using var _ = app;
        await app.Sandbox.Leads.DeleteAsync(app.ZohoSingle("namesake@example.com").Id, Token);
        // The record the lost create made is renamed in Zoho, then deleted: its name is no longer the lead's.
        await app.ZohoEditAsync("renamed.lost@example.com", z => z.FirstName = "Renamed");
        await app.Sandbox.Leads.DeleteAsync(made.Id, Token);

        await app.WaitForRunAsync(await app.Sync.RetryFailedAsync([lead.Id], Token));
        await app.WaitSyncedAsync(lead.Id);

        // Nothing told it apart from a create that never reached Zoho: the retry made it (the gap docs/zoho §2.4 names).
        var again = app.ZohoSingle("renamed.lost@example.com");
        Assert.NotEqual(made.Id, again.Id);
        Assert.Null((await app.LeadAsync(lead.Id))!.LastError);
    }
}
