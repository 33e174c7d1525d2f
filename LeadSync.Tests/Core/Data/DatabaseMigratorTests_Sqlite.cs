using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Data;

public sealed class DatabaseMigratorTests_Sqlite : DatabaseMigratorTests
{
    protected override TestDatabase CreateEmptyDatabase() => new SqliteTestDatabase { MigrateOnInitialize = false };
}
