using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// SQLite's side of the linked-leads-only Zoho id index (decision 0006, "Plans that do not trust the statistics"): it
/// cannot serve "unlinked", still answers every lookup by Zoho id the pull makes, and keeps Zoho ids unique.
/// </summary>
public sealed class ZohoIdIndexTests_Sqlite(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""SELECT "Id" FROM "Leads" WHERE "ZohoId" = '5000000000000000007'""", true)]
    [InlineData("""SELECT "Id" FROM "Leads" WHERE "ZohoId" IN ('5000000000000000007', '5000000000000000011')""", true)]
    [InlineData("""SELECT count(*) FROM "Leads" WHERE "ZohoId" IS NOT NULL""", true)]
    [InlineData("""SELECT "Id" FROM "Leads" WHERE "ZohoId" IS NULL""", false)]
    public async Task The_zoho_id_index_serves_lookups_by_zoho_id_and_not_unlinked_leads(string sql, bool usesIndex)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await db.Database.OpenConnectionAsync(Token);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Equal(usesIndex, plan.Any(step => step.Contains("IX_Leads_ZohoId", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_leads_cannot_share_a_zoho_id_and_any_number_can_have_none()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Task<int> Insert(string email, string? zohoId) => db.Database.ExecuteSqlAsync($$"""
            INSERT INTO "Leads" ("Id", "LastName", "Email", "EmailNormalized", "SearchText", "ZohoId", "CreatedAt", "UpdatedAt", "SyncState", "Version", "ExtraFields")
            VALUES ({{Guid.NewGuid()}}, 'Lead', {{email}}, {{email}}, 'lead', {{zohoId}}, '2026-12-05 00:00:00+00:00', '2026-12-05 00:00:00+00:00', 'Synced', 1, '{}')
            """, Token);

        await Insert("unlinked1@example.com", null);
        await Insert("unlinked2@example.com", null);
        await Insert("linked1@example.com", "5000000000000000099");
        var duplicate = await Assert.ThrowsAnyAsync<Exception>(() => Insert("linked2@example.com", "5000000000000000099"));

        Assert.Contains("UNIQUE constraint failed: Leads.ZohoId", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(2, await db.Leads.CountAsync(l => l.ZohoId == null && l.Email.StartsWith("unlinked"), Token));
    }
}
