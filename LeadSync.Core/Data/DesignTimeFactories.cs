using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadSync.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model (migrations in <c>Data/Migrations/Sqlite</c>).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLeadSyncDbContext>
{
    public SqliteLeadSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLeadSyncDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(SqliteLeadSyncDbContext).Assembly.FullName))
            .Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model (migrations in <c>Data/Migrations/Postgres</c>).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLeadSyncDbContext>
{
    public PostgresLeadSyncDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLeadSyncDbContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("LEADSYNC_DESIGN_POSTGRES") ?? "Host=localhost;Database=leadsync;Username=leadsync",
                o => o.MigrationsAssembly(typeof(PostgresLeadSyncDbContext).Assembly.FullName))
            .Options);
}
