using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Tests.Core.Sync.State;

/// <summary>
/// <see cref="LeadSyncTransitions.PrepareSyncedInBulk"/>, the common case of a push applied without EF Core's change
/// tracking: one statement per table on PostgreSQL, one prepared statement run per row on SQLite. Both write exactly
/// what the per-lead transition writes, or nothing when any row moved since the claim (the push then applies the
/// batch record by record, which would hide a statement that never matches — hence these tests).
/// </summary>
public abstract class SyncedInBulkTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract TestDatabase CreateDatabase();

    [Fact]
    public async Task A_batch_Zoho_wrote_makes_every_lead_synced_with_its_zoho_id_and_agreed_values_and_removes_its_entries()
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var claimed = await SeedAsync(database, 120);
        var rows = claimed.Select((c, i) => Row(c, i)).ToList();

        Assert.True(await ApplyAsync(database, rows));

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        var leads = await read.Leads.AsNoTracking().ToDictionaryAsync(l => l.Id, Token);
        var stored = await read.Leads.Select(l => new { l.Id, Text = EF.Property<string>(l, Lead.AgreedSnapshotTextName) }).ToDictionaryAsync(l => l.Id, l => l.Text, Token);
        foreach (var row in rows)
        {
            var lead = leads[row.LeadId];
            Assert.Equal((SyncState.Synced, row.ZohoId, row.LeadVersion + 1, (SyncError?)null), (lead.SyncState, lead.ZohoId, lead.Version, lead.LastError));
            Assert.Equal(row.Values, lead.AgreedSnapshot);
            // The agreed extra values are stored once, with the lead's, only where they are the lead's own.
            var keptWithLead = row.ValuesAsStored && row.Values.Extra.Count > 0;
            Assert.Equal(keptWithLead, stored[row.LeadId].Contains("\"extraAsLead\":true", StringComparison.Ordinal));
            Assert.Equal(!keptWithLead && row.Values.Extra.Count > 0, stored[row.LeadId].Contains("Retail", StringComparison.Ordinal));
            Assert.Equal(Now, lead.LastSyncedAt);
            // Modified_Time only moves forward: the seeded later time of every third lead stays.
            Assert.Equal(ExpectedModified(row), lead.ZohoModifiedTime);
        }

        Assert.Equal(0, await read.Set<OutboxEntry>().CountAsync(Token));
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("held")]
    [InlineData("entry revised")]
    public async Task A_batch_with_one_row_moved_since_the_claim_writes_nothing(string moved)
    {
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var claimed = await SeedAsync(database, 30);
        var rows = claimed.Select((c, i) => Row(c, i)).ToList();
        var victim = claimed[17];
        await using (var db = await database.Contexts.CreateDbContextAsync(Token))
        {
            _ = moved switch
            {
                "edited" => await db.Leads.Where(l => l.Id == victim.Lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), Token),
                "held" => await db.Leads.Where(l => l.Id == victim.Lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, SyncState.Conflict), Token),
                _ => await db.Set<OutboxEntry>().Where(e => e.Id == victim.Entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Revision, 2), Token),
            };
        }

        Assert.False(await ApplyAsync(database, rows));

        await using var read = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(0, await read.Leads.CountAsync(l => l.SyncState == SyncState.Synced || l.ZohoId != null, Token));
        Assert.Equal(30, await read.Set<OutboxEntry>().CountAsync(Token));
    }

    [Fact]
    public async Task Built_statements_run_once()
    {
        // On SQLite the command that ran the first chunk ends bound to the last chunk's values: a second run would
        // write the wrong rows, so it is refused.
        await using var database = CreateDatabase();
        await database.InitializeAsync();
        var rows = (await SeedAsync(database, 45)).Select((c, i) => Row(c, i)).ToList();
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await using var statements = LeadSyncTransitions.PrepareSyncedInBulk(db, rows, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
        Assert.True(await statements.TryExecuteAsync(transaction.GetDbTransaction(), Token));

        await Assert.ThrowsAsync<InvalidOperationException>(() => statements.TryExecuteAsync(transaction.GetDbTransaction(), Token));
    }

    /// <summary>
    /// The row of a claimed lead. Every third row is a Bulk Write row's: its values are the ones it sent (here without
    /// one extra field the lead holds), not the lead's as stored, so its agreed snapshot must keep its extra values.
    /// </summary>
    private static LeadSyncTransitions.SyncedRow Row((Lead Lead, OutboxEntry Entry) claimed, int i)
    {
        var asStored = i % 3 != 1;
        var values = claimed.Lead.Fields with { Company = $"Agreed {i} — \"quoted\", ünïcode" };
        return new(
            claimed.Lead.Id, claimed.Lead.Version, $"60000000000{i:D5}", i % 5 == 0 ? null : Now.AddMinutes(-i),
            asStored ? values : values with { Extra = values.Extra.With("Seats__c", null) }, claimed.Entry.Id, claimed.Entry.Revision, asStored);
    }

    private static DateTimeOffset? ExpectedModified(LeadSyncTransitions.SyncedRow row) =>
        Seeded(row.ZohoId[^5..]) is { } seeded && (row.ZohoModifiedTime is null || seeded > row.ZohoModifiedTime) ? seeded : row.ZohoModifiedTime;

    /// <summary>Every third lead was seeded with a Modified_Time of its own (later than any in the batch); the others with none.</summary>
    private static DateTimeOffset? Seeded(string index) => int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? Now.AddHours(1) : null;

    private static async Task<bool> ApplyAsync(TestDatabase database, List<LeadSyncTransitions.SyncedRow> rows)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await using var statements = LeadSyncTransitions.PrepareSyncedInBulk(db, rows, Now);
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
        if (!await statements.TryExecuteAsync(transaction.GetDbTransaction(), Token))
        {
            return false; // disposing the transaction rolls back
        }

        await transaction.CommitAsync(Token);
        return true;
    }

    private static async Task<List<(Lead Lead, OutboxEntry Entry)>> SeedAsync(TestDatabase database, int count)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var seeded = new List<(Lead, OutboxEntry)>();
        for (var i = 0; i < count; i++)
        {
            var extra = i % 2 == 0 ? LeadFieldValues.Empty.With("Industry", FieldValue.Text($"Retail {i}")).With("Seats__c", FieldValue.Number(i)) : LeadFieldValues.Empty;
            var lead = LeadSyncTransitions.NewLocal(new LeadFields("Bulk", $"Apply {i}", $"bulk.apply.{i}@example.com", null, null, null) { Extra = extra }, Now);
            lead.ZohoModifiedTime = Seeded($"{i:D5}");
            lead.LastError = i % 4 == 0 ? new SyncError("INVALID_DATA", "Email", "refused") : null; // a refusal the write clears
            db.Leads.Add(lead);
            seeded.Add((lead, LeadSyncTransitions.Queue(db, lead, null, QueuedChange.Edit(ChangeSource.Console), Now)!));
        }

        await db.SaveChangesAsync(Token);
        return seeded;
    }
}

public sealed class SyncedInBulkTests_Sqlite : SyncedInBulkTests
{
    protected override TestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SyncedInBulkTests_Postgres : SyncedInBulkTests
{
    protected override TestDatabase CreateDatabase() => new PostgresTestDatabase();
}
