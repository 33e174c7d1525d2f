using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads.Transfer.Import;

public sealed class LeadImportJobsTests_Postgres(PostgresTestDatabase database) : LeadImportJobsTests(database), IClassFixture<PostgresTestDatabase>;
