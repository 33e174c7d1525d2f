using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// The push's plans with every statistic as the seed leaves it: taken before the conflicts and the import, and never
/// refreshed. Autovacuum is off for both tables, or it could refresh their counts mid-class (it did once, in a clean run,
/// and a plan that only the fresh counts lead to failed here; <see cref="VacuumedCountsPlanTests_Postgres"/> runs that state).
/// </summary>
public sealed class StaleStatisticsPlanTests_Postgres(PostgresTestDatabase database) : PushPlanTests(database)
{
    protected override Task BeforeSeedAsync(DbContext db) => db.Database.ExecuteSqlRawAsync("""
        ALTER TABLE "Leads" SET (autovacuum_enabled = false);
        ALTER TABLE "Outbox" SET (autovacuum_enabled = false);
        """, Token);

    protected override Task AfterSeedAsync(DbContext db) => Task.CompletedTask;
}
