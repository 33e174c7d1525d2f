using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Sync.State;

/// <summary>
/// <see cref="LeadSyncTransitions.HeldAfterLostCreate"/>, on a SQLite database and no host: a lost create whose record a
/// Zoho user most likely deleted waits for a person — unless the lead was edited here since the claim (docs/zoho §2.4).
/// </summary>
public sealed class HeldAfterLostCreateTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 13, 0, 0, TimeSpan.Zero);
    private static readonly SyncError Reason = new(LostCreateRecovery.DeletedAfterLostCreateCode, null, "deleted in Zoho after the lost create");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A never-linked lead whose create was attempted, its answer lost.</summary>
    private async Task<(LeadSyncDbContext Db, Lead Lead, OutboxEntry Entry)> LostCreateAsync(string email)
    {
        var db = await database.Contexts.CreateDbContextAsync(Ct);
        var lead = new Lead { CreatedAt = Now, UpdatedAt = Now };
        lead.Apply(new LeadFields("Grace", "Hopper", email, null, "Not Contacted", "Navy"));
        db.Leads.Add(lead);
        var entry = (await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Edit(ChangeSource.Console), Now, Ct))!;
        (entry.CreateAttemptedAt, entry.CreateSnapshot, entry.CreateEmail) = (Now, lead.Fields, email);
        await db.SaveChangesAsync(Ct);
        return (db, lead, entry);
    }

    [Fact]
    public async Task A_lead_as_claimed_is_held_in_error_with_its_entry_gone_and_a_resync_leaves_it_alone()
    {
        var (db, lead, entry) = await LostCreateAsync("held.transition@example.com");
        await using (db)
        {
            Assert.True(LeadSyncTransitions.HeldAfterLostCreate(db, lead, entry, Reason, asClaimed: true));
            await db.SaveChangesAsync(Ct);
        }

        await using var check = await database.Contexts.CreateDbContextAsync(Ct);
        var held = await check.Leads.SingleAsync(l => l.Id == lead.Id, Ct);
        Assert.Equal((SyncState.Error, null, LostCreateRecovery.DeletedAfterLostCreateCode), (held.SyncState, held.ZohoId, held.LastError?.Code));
        Assert.False(await check.Set<OutboxEntry>().AnyAsync(e => e.LeadId == lead.Id, Ct));
        Assert.False(await check.Leads.Where(l => l.Id == lead.Id).AnyAsync(LeadSyncTransitions.NotHeldAfterLostCreate, Ct)); // a resync's query skips it
    }

    [Fact]
    public async Task A_lead_edited_here_since_the_claim_is_not_held_its_edit_goes_as_a_plain_create()
    {
        var (db, lead, entry) = await LostCreateAsync("edited.transition@example.com");
        await using (db)
        {
            lead.Apply(lead.Fields with { Company = "Edited Co" });
            await LeadSyncTransitions.QueueAsync(db, lead, QueuedChange.Edit(ChangeSource.Console), Now, Ct); // the entry's revision moves on

            Assert.False(LeadSyncTransitions.HeldAfterLostCreate(db, lead, entry, Reason, asClaimed: false));
            await db.SaveChangesAsync(Ct);
        }

        await using var check = await database.Contexts.CreateDbContextAsync(Ct);
        var kept = await check.Set<OutboxEntry>().SingleAsync(e => e.LeadId == lead.Id, Ct);
        Assert.Equal((null, null, null, null), (kept.CreateAttemptedAt, kept.CreateSnapshot, kept.CreateEmail, kept.ClaimedBy));
        var stored = await check.Leads.SingleAsync(l => l.Id == lead.Id, Ct);
        Assert.Equal((SyncState.Pending, null, "Edited Co"), (stored.SyncState, stored.LastError, stored.Company));
    }
}
