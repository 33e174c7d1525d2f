using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Leads;

public sealed class LeadCommandsTests_Postgres(PostgresTestDatabase database) : LeadCommandsTests(database), IClassFixture<PostgresTestDatabase>;
