using System.Globalization;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// A pulled page's save (<c>SaveOnceAsync</c>): on SQLite its changed leads go through <see cref="SqliteLeadWrites"/>'
/// reused statements, on PostgreSQL through EF Core's batch. Either way the database ends as EF Core's own save would
/// leave it — changed columns, last errors set, replaced and cleared, the search index and the kept counts — and a
/// lead that changed since the page read it fails the whole save, history included.
/// </summary>
public abstract class PageSaveTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

    private static long nextZohoId;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract TestDatabase CreateDatabase();

    [Fact]
    public async Task A_page_writes_each_changed_lead_as_ef_core_stores_it_and_leaves_the_others()
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var ids = await SeedAsync(database, 5);
        List<Guid> newIds;
        await using (var page = await database.Contexts.CreateDbContextAsync(Token))
        {
            var leads = await page.Leads.OrderBy(l => l.Email).ToListAsync(Token);
            leads[0].Apply(leads[0].Fields with { Company = "Quintessence Ltd", Status = "Contacted" });
            LeadSyncTransitions.Agreed(leads[0], "4100000000000000001", Now, leads[0].Fields);
            LeadSyncTransitions.HoldInConflict(leads[0]);
            leads[1].LastError = new SyncError("ZOHO_COPY_INVALID_FORMAT", "Email", "Zoho's copy is not an email."); // set
            leads[2].LastError = null; // cleared
            leads[3].LastError = new SyncError("DUPLICATE_EMAIL", "Email", "Zoho holds two leads with this email."); // replaced
            var created = NewLead("new.on.page@example.com", null);
            created.Apply(created.Fields with { Company = "Newly Made", Phone = "+44 113 496 0000" });
            var refused = NewLead("refused.new@example.com", null);
            refused.LastError = new SyncError("ZOHO_COPY_INVALID_MAXLENGTH", "FirstName", "Too long.");
            page.Leads.AddRange(created, refused);
            newIds = [created.Id, refused.Id];
            for (var i = 0; i < 12; i++)
            {
                page.Add(new LeadHistoryEntry { LeadId = leads[i % 4].Id, At = Now, Direction = SyncDirection.Pull, Outcome = LeadHistoryOutcome.Updated });
            }

            await page.SaveOnceAsync(Token);
            Assert.DoesNotContain(page.ChangeTracker.Entries(), e => e.State != EntityState.Unchanged);
        }

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        var saved = await read.Leads.AsNoTracking().ToDictionaryAsync(l => l.Id, Token);
        Assert.Equal(7, saved.Count);
        var made = saved[newIds[0]];
        Assert.Equal(("Newly Made", "+44 113 496 0000", SyncState.Synced, 1L, null), (made.Company, made.Phone, made.SyncState, made.Version, made.LastError));
        Assert.Equal((Now.AddDays(-1), "new.on.page@example.com", null), (made.CreatedAt, made.AgreedSnapshot!.Email, made.AgreedSnapshot.Company)); // agreed as created
        Assert.Equal(("ZOHO_COPY_INVALID_MAXLENGTH", "FirstName", "Too long."), (saved[newIds[1]].LastError!.Code, saved[newIds[1]].LastError!.Field, saved[newIds[1]].LastError!.Message));
        var changed = saved[ids[0]];
        Assert.Equal(("Quintessence Ltd", "Contacted", "4100000000000000001", Now), (changed.Company, changed.Status, changed.ZohoId, changed.ZohoModifiedTime));
        Assert.Equal((SyncState.Conflict, 2L), (changed.SyncState, changed.Version));
        Assert.Equal(changed.Fields, changed.AgreedSnapshot);
        Assert.Contains("quintessence ltd", changed.SearchText, StringComparison.Ordinal);
        Assert.Equal(("ZOHO_COPY_INVALID_FORMAT", "Email", "Zoho's copy is not an email."), (saved[ids[1]].LastError!.Code, saved[ids[1]].LastError!.Field, saved[ids[1]].LastError!.Message));
        Assert.Null(saved[ids[2]].LastError);
        Assert.Equal(("DUPLICATE_EMAIL", "Zoho holds two leads with this email."), (saved[ids[3]].LastError!.Code, saved[ids[3]].LastError!.Message));
        Assert.Equal(("Seeded Co 4", 1L, "OLD_ERROR"), (saved[ids[4]].Company, saved[ids[4]].Version, saved[ids[4]].LastError!.Code));
        Assert.Equal(12, await read.Set<LeadHistoryEntry>().CountAsync(Token));

        // The search index and the kept counts followed the statements (their triggers fired as for EF Core's own).
        Assert.Equal([ids[0]], await LeadQueries.Filter(read, new LeadFilter { Search = "quintessence" }).Select(l => l.Id).ToListAsync(Token));
        Assert.Equal(4, await LeadQueries.Filter(read, new LeadFilter { Search = "seeded co" }).CountAsync(Token));
        Assert.Equal([newIds[0]], await LeadQueries.Filter(read, new LeadFilter { Search = "newly made" }).Select(l => l.Id).ToListAsync(Token));
        Assert.Equal(6, await LeadCountQueries.InStateAsync(read, SyncState.Synced, Token));
        Assert.Equal(1, await LeadCountQueries.InStateAsync(read, SyncState.Conflict, Token));
        Assert.Equal(1, await LeadCountQueries.CountAsync(read, new LeadFilter { Statuses = ["Contacted"] }, Token));
    }

    [Fact]
    public async Task A_lead_changed_since_the_page_read_it_fails_the_whole_save_and_nothing_is_written()
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var ids = await SeedAsync(database, 2);
        await using var page = await database.Contexts.CreateDbContextAsync(Token);
        var leads = await page.Leads.OrderBy(l => l.Email).ToListAsync(Token);
        foreach (var lead in leads)
        {
            lead.Apply(lead.Fields with { Company = "From the page" });
        }

        for (var i = 0; i < 12; i++)
        {
            page.Add(new LeadHistoryEntry { LeadId = leads[0].Id, At = Now, Direction = SyncDirection.Pull, Outcome = LeadHistoryOutcome.Updated });
        }

        await using (var edit = await database.Contexts.CreateDbContextAsync(Token))
        {
            var meanwhile = await edit.Leads.SingleAsync(l => l.Id == ids[1], Token);
            meanwhile.Phone = "+44 20 7946 0000";
            await edit.SaveChangesAsync(Token);
        }

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => page.SaveOnceAsync(Token));

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(0, await read.Leads.CountAsync(l => l.Company == "From the page", Token));
        Assert.Equal(0, await read.Set<LeadHistoryEntry>().CountAsync(Token));
        Assert.Equal("+44 20 7946 0000", (await read.Leads.SingleAsync(l => l.Id == ids[1], Token)).Phone);
    }

    /// <summary>Leads seeded-0@… to seeded-(n-1)@…, synced, each with an old error; their ids in email order.</summary>
    private static async Task<List<Guid>> SeedAsync(TestDatabase database, int count)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var leads = Enumerable.Range(0, count).Select(i => NewLead($"seeded-{i}@example.com", $"Seeded Co {i}")).ToList();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(Token);
        return leads.Select(l => l.Id).ToList();
    }

    private static Lead NewLead(string email, string? company)
    {
        var zohoId = (4100000000000000100L + Interlocked.Increment(ref nextZohoId)).ToString(CultureInfo.InvariantCulture);
        var lead = LeadSyncTransitions.NewFromZoho(zohoId, Now.AddDays(-1), new LeadFields("Page", "Save", email, null, null, company), Now.AddDays(-1));
        lead.LastError = company is null ? null : new SyncError("OLD_ERROR", null, "An old error.");
        return lead;
    }
}

public sealed class PageSaveTests_Sqlite : PageSaveTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class PageSaveTests_Postgres : PageSaveTests
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
