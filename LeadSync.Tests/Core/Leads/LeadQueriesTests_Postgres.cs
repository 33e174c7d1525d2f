using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadQueriesTests_Postgres(PostgresTestDatabase database) : LeadQueriesTests(database), IClassFixture<PostgresTestDatabase>;
