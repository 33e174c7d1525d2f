using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadQueriesTests_Sqlite(SqliteTestDatabase database) : LeadQueriesTests(database), IClassFixture<SqliteTestDatabase>;
