using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadCountQueriesTests_Postgres(PostgresTestDatabase database) : LeadCountQueriesTests(database), IClassFixture<PostgresTestDatabase>;
