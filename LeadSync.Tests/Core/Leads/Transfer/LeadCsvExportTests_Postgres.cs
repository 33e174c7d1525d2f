using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.Transfer;

public sealed class LeadCsvExportTests_Postgres(PostgresTestDatabase database) : LeadCsvExportTests(database), IClassFixture<PostgresTestDatabase>;
