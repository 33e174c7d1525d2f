using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Data;

public sealed class DatabaseMigratorTests_Postgres : DatabaseMigratorTests
{
    protected override TestDatabase CreateEmptyDatabase() => new PostgresTestDatabase { MigrateOnInitialize = false };
}
