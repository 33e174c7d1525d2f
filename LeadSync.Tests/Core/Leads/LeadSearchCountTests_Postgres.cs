using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadSearchCountTests_Postgres(PostgresTestDatabase database) : LeadSearchCountTests(database), IClassFixture<PostgresTestDatabase>;
