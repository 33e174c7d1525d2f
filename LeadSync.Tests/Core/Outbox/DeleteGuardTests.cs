using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Outbox;

/// <summary>A delete sent to Zoho never takes a record a lead here owns (<see cref="DeleteGuard"/>), on a SQLite database.</summary>
public sealed class DeleteGuardTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimedEntry Delete(long entryId, string zohoId, string? createEmail = null) =>
        new(entryId, Guid.NewGuid(), OutboxOperation.Delete, zohoId, 1, null, null, null, CreateEmail: createEmail);

    [Fact]
    public async Task A_record_linked_to_a_lead_or_taken_over_by_a_lead_made_again_under_the_create_email_is_owned()
    {
        await using (var db = await database.Contexts.CreateDbContextAsync(Ct))
        {
            db.Leads.Add(LeadSyncTransitions.NewFromZoho("9001", Now, new LeadFields("Ada", "Linked", "guard.linked@example.com", null, null, null), Now));
            db.Leads.Add(LeadSyncTransitions.NewLocal(new LeadFields("Bea", "Again", "Guard.Again@example.com", null, null, null), Now));
            await db.SaveChangesAsync(Ct);
        }

        var guard = new DeleteGuard(database.Contexts);
        var owned = await guard.OwnedAsync(
            [
                Delete(1, "9001"), // linked to a lead since the delete was queued
                Delete(2, "9002", createEmail: "guard.again@example.com"), // a lost create's record; a lead was made again under its email
                Delete(3, "9003", createEmail: "guard.gone@example.com"), // a lost create's record nobody here holds
                Delete(4, "9004"), // a linked lead's record nobody here holds
            ],
            Ct);

        Assert.Equal(new HashSet<long> { 1, 2 }, owned.ToHashSet());
    }
}
