using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadCountQueriesTests_Sqlite(SqliteTestDatabase database) : LeadCountQueriesTests(database), IClassFixture<SqliteTestDatabase>;
