using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadSearchCountTests_Sqlite(SqliteTestDatabase database) : LeadSearchCountTests(database), IClassFixture<SqliteTestDatabase>;
