using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.Transfer.Import;

public sealed class LeadImportJobsTests_Sqlite(SqliteTestDatabase database) : LeadImportJobsTests(database), IClassFixture<SqliteTestDatabase>;
