using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// The push's plans once autovacuum has been by after the import: VACUUM refreshes each table's page and row counts,
/// not its column statistics, so the planner now knows how many leads and entries there are but still believes every
/// lead linked and none held. With these counts (and the claimer's settings then) a bulk push's claim of its reserved
/// entries fetched, looked up and sorted every entry still reserved for each claim.
/// </summary>
public sealed class VacuumedCountsPlanTests_Postgres(PostgresTestDatabase database) : PushPlanTests(database)
{
    protected override Task BeforeSeedAsync(DbContext db) => Task.CompletedTask;

    protected override async Task AfterSeedAsync(DbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("""VACUUM "Leads" """, Token);
        await db.Database.ExecuteSqlRawAsync("""VACUUM "Outbox" """, Token);
    }
}
