using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.State;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// The push's statements on PostgreSQL after a first sync and an import (decision 0006, "Plans that do not trust the
/// statistics"): the planner's statistics were taken when every lead was linked to Zoho and none held, and the outbox
/// drained; since then 10,000 leads went into conflict and 10,000 new leads arrived with their outbox entries. With
/// those statistics the push once compared every due entry with every unlinked lead (a 10,000-lead push spent 9.8 s in
/// one count), every entry of the outbox with each of the 100 it deleted, and the claim compared every due entry with
/// every held lead. Each statement is run (EXPLAIN ANALYZE, rolled back) as PostgreSQL plans it — no planner settings
/// changed beyond the claimer's own — and may touch no more rows than both tables hold. Each subclass leaves the
/// tables' counts in one of the states a live database passes through (<see cref="AfterSeedAsync"/>).
/// </summary>
public abstract class PushPlanTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const int Linked = 30_000;
    private const int Imported = 10_000;
    private const int Held = 10_000;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        if (await db.Leads.AnyAsync(Token))
        {
            return; // seeded by an earlier test of this class
        }

        await BeforeSeedAsync(db);

        // The leads already synced, as a first sync leaves them; the statistics are taken then, before the import.
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "Leads" ("Id", "LastName", "Email", "EmailNormalized", "SearchText", "ZohoId", "CreatedAt", "UpdatedAt", "SyncState", "Version")
            SELECT gen_random_uuid(), 'Linked' || g, 'linked' || g || '@example.com', 'linked' || g || '@example.com',
                   'linked' || g || ' linked' || g || '@example.com', (5000000000000000000 + g)::text, now(), now(), 'Synced', 1
            FROM generate_series(1, {Linked}) AS g
            """, Token);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Leads\"", Token);
        // An outbox analysed right after a drain: its pages are there, its rows gone (the planner's density is zero).
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Outbox" ("LeadId", "Operation", "Revision", "Attempts", "CreatedAt", "UpdatedAt", "NextAttemptAt", "DeadLettered", "Trigger")
            SELECT "Id", 'Upsert', 1, 0, now(), now(), now(), FALSE, 'Import' FROM "Leads";
            DELETE FROM "Outbox";
            ANALYZE "Outbox";
            """, Token);

        // Since then a third of them went into conflict (an org-wide edit on both sides) and an import brought new
        // leads, each queued for its first push.
        await db.Database.ExecuteSqlRawAsync($"""UPDATE "Leads" SET "SyncState" = 'Conflict' WHERE "ZohoId" <= '{5000000000000000000 + Held}'""", Token);
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "Leads" ("Id", "FirstName", "LastName", "Email", "EmailNormalized", "SearchText", "CreatedAt", "UpdatedAt", "SyncState", "Version")
            SELECT gen_random_uuid(), 'New', 'Imported' || g, 'imported' || g || '@example.com', 'imported' || g || '@example.com',
                   'new imported' || g || ' imported' || g || '@example.com', now(), now(), 'Pending', 1
            FROM generate_series(1, {Imported}) AS g;
            INSERT INTO "Outbox" ("LeadId", "Operation", "Revision", "Attempts", "CreatedAt", "UpdatedAt", "NextAttemptAt", "DeadLettered", "Trigger")
            SELECT "Id", 'Upsert', 1, 0, now(), now(), now(), FALSE, 'Import' FROM "Leads" WHERE "ZohoId" IS NULL
            """, Token);

        await AfterSeedAsync(db);
    }

    /// <summary>Runs on the empty tables, before the seed above.</summary>
    protected abstract Task BeforeSeedAsync(DbContext db);

    /// <summary>Runs once the seed above is in: leaves the tables' counts and statistics as the subclass's state has them.</summary>
    protected abstract Task AfterSeedAsync(DbContext db);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Finding_the_due_first_pushes_reads_each_table_at_most_once()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var query = OutboxClaimer.DueCreates(db, DateTimeOffset.UtcNow.AddMinutes(1)).Take(2001).Select(e => e.Id);
        Assert.Equal(2001, await query.CountAsync(Token));

        await using var command = query.CreateDbCommand();

        var plan = await ExplainAnalyzeAsync(db, command);
        AssertAtMostOnePass(plan, command.CommandText);
        // Each entry's lead by its key, not the whole table hashed: the count costs what it counts, whatever the table holds.
        AssertLeadsRead(plan, 2001, command.CommandText);
    }

    [Fact]
    public async Task Recording_a_claims_first_attempts_reads_the_claimed_entries_leads_and_no_others()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var claimed = await db.Set<OutboxEntry>().OrderBy(e => e.Id).Select(e => e.Id).Take(10 * SyncOptions.BatchSize).ToListAsync(Token);
        var query = LeadSyncTransitions.FirstAttempts(db, claimed).Select(e => e.Id);
        await using var command = query.CreateDbCommand();

        var plan = await ExplainAnalyzeAsync(db, command);

        Assert.Equal(claimed.Count, plan.GetProperty("Actual Rows").GetDouble()); // every claimed entry is a first push of an unlinked lead
        AssertLeadsRead(plan, claimed.Count, command.CommandText);
    }

    [Fact]
    public async Task Reading_a_claims_leads_reads_those_leads_and_no_others()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var leadIds = await db.Set<OutboxEntry>().OrderBy(e => e.Id).Select(e => e.LeadId).Take(10 * SyncOptions.BatchSize).ToListAsync(Token);
        await using var command = OutboxClaimer.ClaimedLeads(db, leadIds).CreateDbCommand();

        // As the claimer runs it: sequential scans off for the read (OutboxClaimer.ReadClaimedLeadsAsync).
        var plan = await ExplainAnalyzeAsync(db, command, OutboxClaimer.ByKeyOnly);

        Assert.Equal(leadIds.Count, plan.GetProperty("Actual Rows").GetDouble());
        AssertLeadsRead(plan, leadIds.Count, command.CommandText);
    }

    [Fact]
    public async Task The_claim_reads_each_table_at_most_once()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var claim = OutboxClaimer.PostgresClaim("plan-test", (now, now.AddMinutes(5), 10 * SyncOptions.BatchSize));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, claim.Format, [.. Enumerable.Range(0, claim.ArgumentCount).Select(i => $"@p{i}")]);
        for (var i = 0; i < claim.ArgumentCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            parameter.Value = claim.GetArgument(i);
            command.Parameters.Add(parameter);
        }

        // As the claimer runs it: sorting off for the statement (OutboxClaimer.ClaimOnPostgresAsync).
        var plan = await ExplainAnalyzeAsync(db, command, OutboxClaimer.InClaimOrder);

        Assert.Equal(10 * SyncOptions.BatchSize, plan.GetProperty("Actual Rows").GetDouble());
        AssertAtMostOnePass(plan, command.CommandText);
    }

    [Fact]
    public async Task A_bulk_push_claiming_its_reserved_entries_reads_each_table_at_most_once()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var runId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var query = OutboxClaimer.ReservedDue(db, runId, now).Take(10 * SyncOptions.BatchSize);
        await using var command = query.CreateDbCommand();

        // A push of every imported lead reserved their entries for its run (the statistics do not know yet).
        var plan = await ExplainAnalyzeAsync(db, command, $"""
            {OutboxClaimer.InClaimOrder};
            UPDATE "Outbox" SET "ReservedFor" = '{runId}', "ClaimedBy" = 'plan-test', "ClaimedUntil" = now() + interval '5 minutes'
            """);

        Assert.Equal(10 * SyncOptions.BatchSize, plan.GetProperty("Actual Rows").GetDouble());
        AssertAtMostOnePass(plan, command.CommandText);
    }

    [Fact]
    public async Task The_push_apply_reads_each_table_at_most_once()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var batch = await (from e in db.Set<OutboxEntry>().AsNoTracking()
                           join l in db.Leads.AsNoTracking() on e.LeadId equals l.Id
                           orderby e.Id descending
                           select new { e.Id, e.Revision, LeadId = l.Id, l.Version, l.Fields }).Take(SyncOptions.BatchSize).ToListAsync(Token);
        var rows = batch.Select((b, i) => new LeadSyncTransitions.SyncedRow(
            b.LeadId, b.Version, (6000000000000000000 + i).ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, b.Fields, b.Id, b.Revision, ValuesAsStored: true)).ToList();

        await using var statements = LeadSyncTransitions.PrepareSyncedInBulk(db, rows, DateTimeOffset.UtcNow);

        AssertAtMostOnePass(await ExplainAnalyzeAsync(db, statements.Update), statements.Update.CommandText);
        AssertAtMostOnePass(await ExplainAnalyzeAsync(db, statements.Delete), statements.Delete.CommandText);
    }

    [Fact]
    public async Task The_zoho_id_index_holds_linked_leads_only_and_still_answers_lookups_by_zoho_id()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await db.Database.OpenConnectionAsync(Token);
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Token); // any index that could answer, would

        var unlinked = await ExplainTextAsync(db, """SELECT "Id" FROM "Leads" WHERE "ZohoId" IS NULL""");
        var byZohoId = await ExplainTextAsync(db, """SELECT "Id" FROM "Leads" WHERE "ZohoId" = ANY (ARRAY['5000000000000000007', '5000000000000000011'])""");

        Assert.DoesNotContain("IX_Leads_ZohoId", unlinked, StringComparison.Ordinal);
        Assert.Contains("IX_Leads_ZohoId", byZohoId, StringComparison.Ordinal);
    }

    /// <summary>
    /// The rows the plan really touched (every node's rows over all its loops, and the rows its filters and join
    /// filters threw away) are no more than both tables hold: no table is walked again for each row of another.
    /// </summary>
    private static void AssertAtMostOnePass(JsonElement plan, string sql)
    {
        var touched = Touched(plan);
        Assert.True(touched <= Linked + Imported, $"The statement touched {touched:N0} rows:\n{sql}\n{plan}");
    }

    /// <summary>
    /// The plan's scans of <c>Leads</c> (every node naming it, over all its loops, with the rows its filters threw
    /// away) touched at most <paramref name="expected"/> leads: the leads the statement is about, not the table.
    /// </summary>
    private static void AssertLeadsRead(JsonElement plan, int expected, string sql)
    {
        var read = LeadsTouched(plan);
        Assert.True(read <= expected, $"The statement read {read:N0} leads, more than the {expected:N0} it is about:\n{sql}\n{plan}");

        static double LeadsTouched(JsonElement node)
        {
            var own = node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "Leads" ? Touched(node, nested: false) : 0;
            return own + (node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray().Sum(LeadsTouched) : 0);
        }
    }

    private static double Touched(JsonElement node) => Touched(node, nested: true);

    private static double Touched(JsonElement node, bool nested)
    {
        var loops = Number(node, "Actual Loops");
        var own = (Number(node, "Actual Rows") + Number(node, "Rows Removed by Filter") + Number(node, "Rows Removed by Join Filter")) * loops;
        return own + (nested && node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray().Sum(Touched) : 0);

        static double Number(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
    }

    /// <summary>
    /// EXPLAIN ANALYZE of the command in a transaction rolled back afterwards (it runs, and changes nothing), after
    /// <paramref name="first"/> (a setting or a change the statement meets) in the same transaction.
    /// </summary>
    private static async Task<JsonElement> ExplainAnalyzeAsync(DbContext db, DbCommand command, string? first = null)
    {
        await db.Database.OpenConnectionAsync(Token);
        await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(Token);
        if (first is not null)
        {
            await using var before = db.Database.GetDbConnection().CreateCommand();
            before.Transaction = transaction;
            before.CommandText = first;
            await before.ExecuteNonQueryAsync(Token);
        }

        var text = command.CommandText;
        command.Connection = db.Database.GetDbConnection();
        command.Transaction = transaction;
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + text;
        try
        {
            var json = (string)(await command.ExecuteScalarAsync(Token))!;
            return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan");
        }
        finally
        {
            command.CommandText = text;
            await transaction.RollbackAsync(Token);
        }
    }

    private static async Task<string> ExplainTextAsync(DbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
