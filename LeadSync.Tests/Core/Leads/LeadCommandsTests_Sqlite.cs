using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadCommandsTests_Sqlite(SqliteTestDatabase database) : LeadCommandsTests(database), IClassFixture<SqliteTestDatabase>;
