using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.Transfer;

public sealed class LeadCsvExportTests_Sqlite(SqliteTestDatabase database) : LeadCsvExportTests(database), IClassFixture<SqliteTestDatabase>;
