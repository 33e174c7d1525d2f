using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// Many new history rows in one save go through <see cref="LeadHistoryWriter"/>'s multi-row INSERTs: every value
/// arrives as EF Core itself would store it, in the same transaction as the rest of the save.
/// </summary>
public abstract class BulkHistoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract TestDatabase CreateDatabase();

    [Fact]
    public async Task Many_history_rows_are_saved_with_every_value_as_ef_core_stores_it()
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var at = new DateTimeOffset(2026, 11, 30, 12, 34, 56, 789, TimeSpan.Zero);
        var run = Guid.NewGuid();
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var lead = NewLead("bulk.history@example.com");
            db.Leads.Add(lead);
            for (var i = 0; i < 250; i++)
            {
                db.Add(new LeadHistoryEntry
                {
                    LeadId = lead.Id, RunId = i % 2 == 0 ? run : null, At = at.AddSeconds(i), Direction = i % 3 == 0 ? SyncDirection.Pull : SyncDirection.Push,
                    Outcome = LeadHistoryOutcome.Updated, Changes = i % 5 == 0 ? null : $"Company: Old {i} → Ünïcode {i}", ErrorCode = i == 7 ? "INVALID_DATA" : null,
                    ErrorMessage = i == 7 ? "invalid data 'quoted'" : null,
                });
            }

            Assert.Equal(251, await db.SaveChangesAsync(Token));
        }

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        var rows = await read.Set<LeadHistoryEntry>().AsNoTracking().OrderBy(h => h.At).ToListAsync(Token);
        Assert.Equal(250, rows.Count);
        Assert.Equal(250, rows.Select(r => r.Id).Distinct().Count());
        for (var i = 0; i < 250; i++)
        {
            var row = rows[i];
            Assert.Equal(at.AddSeconds(i), row.At);
            Assert.Equal(i % 2 == 0 ? run : null, row.RunId);
            Assert.Equal(i % 3 == 0 ? SyncDirection.Pull : SyncDirection.Push, row.Direction);
            Assert.Equal(i % 5 == 0 ? null : $"Company: Old {i} → Ünïcode {i}", row.Changes);
        }

        Assert.Equal(("INVALID_DATA", "invalid data 'quoted'"), (rows[7].ErrorCode, rows[7].ErrorMessage));
        // The history is found through the lead, as the console's history panel reads it.
        var leadId = (await read.Leads.SingleAsync(Token)).Id;
        Assert.Equal(250, await read.Set<LeadHistoryEntry>().CountAsync(h => h.LeadId == leadId, Token));
    }

    [Fact]
    public async Task Many_rows_alike_are_saved_by_statements_that_share_one_text()
    {
        // A pulled page's history: the same run, time, direction and outcome on every row, so every full chunk of
        // the INSERT has the same text and one compiled statement runs them all with their own values.
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var at = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var run = Guid.NewGuid();
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            var lead = NewLead("alike.history@example.com");
            db.Leads.Add(lead);
            for (var i = 0; i < 250; i++)
            {
                db.Add(new LeadHistoryEntry { LeadId = lead.Id, RunId = run, At = at, Direction = SyncDirection.Pull, Outcome = LeadHistoryOutcome.Updated, Changes = $"Company: {i}" });
            }

            Assert.Equal(251, await db.SaveChangesAsync(Token));
        }

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        var changes = await read.Set<LeadHistoryEntry>().AsNoTracking().Select(h => h.Changes).ToListAsync(Token);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"Company: {i}").Order(StringComparer.Ordinal), changes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_save_writes_no_history_and_keeps_the_rows_tracked()
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        await using (var seed = await database.Contexts.CreateDbContextAsync(Token))
        {
            seed.Leads.Add(NewLead("taken@example.com"));
            await seed.SaveChangesAsync(Token);
        }

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var duplicate = NewLead("taken@example.com"); // the unique email index refuses it
        db.Leads.Add(duplicate);
        for (var i = 0; i < 20; i++)
        {
            db.Add(new LeadHistoryEntry { LeadId = duplicate.Id, At = DateTimeOffset.UtcNow, Direction = SyncDirection.Push, Outcome = LeadHistoryOutcome.Created });
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));

        Assert.Equal(20, db.ChangeTracker.Entries<LeadHistoryEntry>().Count(e => e.State == EntityState.Added));
        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(0, await read.Set<LeadHistoryEntry>().CountAsync(Token));
    }

    private static Lead NewLead(string email)
    {
        var lead = new Lead { CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        lead.Apply(new LeadFields("Bulk", "History", email, null, null, null));
        return lead;
    }
}

public sealed class BulkHistoryTests_Sqlite : BulkHistoryTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class BulkHistoryTests_Postgres : BulkHistoryTests
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
