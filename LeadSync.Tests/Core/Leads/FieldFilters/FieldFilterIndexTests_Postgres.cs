using System.Data.Common;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Leads.FieldFilters;

/// <summary>
/// On PostgreSQL a filter on a mapped picklist, boolean or multi-select is answered by the GIN index on the extra-field
/// jsonb (<c>IX_Leads_ExtraFields_path</c>, docs/extra-fields.md "Filtering on PostgreSQL"): the query the grid runs is
/// EXPLAINed with its own parameters over 8,000 vacuumed and analysed leads of which few match, and the planner chooses the index
/// by itself (no planner settings changed).
/// </summary>
public sealed class FieldFilterIndexTests_Postgres(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const int LeadCount = 8000;

    private readonly SampleMappedFields mapped = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        if (await db.Leads.CountAsync(Token) == LeadCount)
        {
            return; // seeded by an earlier test of this class
        }

        db.Leads.AddRange(Enumerable.Range(0, LeadCount).Select(n =>
        {
            var extra = LeadFieldValues.Empty
                .With("Industry", FieldValue.Text(n % 400 == 0 ? "Retail" : n % 450 == 0 ? "Healthcare" : "Manufacturing"))
                .With("Interests__c", FieldValue.List(n % 250 == 0 ? ["BI", "CRM"] : ["ERP"]));
            extra = n % 150 == 0 ? extra.With("Email_Opt_Out", FieldValue.Boolean(n % 300 == 0)) : extra;
            var lead = new Lead { SyncState = SyncState.Synced };
            lead.Apply(new LeadFields(null, $"Lead{n}", $"lead{n}@example.com", null, null, null) { Extra = extra });
            return lead;
        }));
        await db.SaveChangesAsync(Token);
        // As autovacuum leaves a table: GIN's pending list flushed into the index (the planner prices a long pending list
        // into every index scan, as right after a bulk insert) and statistics gathered.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Leads\"", Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("Industry:Retail")]
    [InlineData("Industry:Retail|Industry:Healthcare")]
    [InlineData("Email_Opt_Out:yes")]
    [InlineData("Email_Opt_Out:no")]
    [InlineData("Interests__c:BI|Interests__c:CRM")]
    public async Task A_filter_on_a_mapped_picklist_boolean_or_multi_select_is_an_index_scan_on_the_gin_index(string texts)
    {
        var parsed = FieldFilterText.Parse(texts.Split('|'), mapped.Fields);
        Assert.Empty(parsed.Failures);
        var filter = new LeadFilter { Fields = parsed.Filters };

        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var query = LeadQueries.Filter(db, filter).AsNoTracking().Select(l => l.Id);
        var plan = await ExplainAsync(db, query);

        Assert.True(plan.Contains("Index Scan on \"IX_Leads_ExtraFields_path\"", StringComparison.Ordinal) && plan.Contains("@>", StringComparison.Ordinal), query.ToQueryString() + "\n" + plan);
    }

    private static async Task<string> ExplainAsync(DbContext db, IQueryable<Guid> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        await db.Database.OpenConnectionAsync(Token);
        command.Connection = db.Database.GetDbConnection();
        var lines = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
