using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadSync.Core.Data;

/// <summary>The SQLite flavour of the model (default; one process per database file).</summary>
public sealed class SqliteLeadSyncDbContext(DbContextOptions<SqliteLeadSyncDbContext> options) : LeadSyncDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type: store instants as UTC ticks so they sort and compare in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        ExtraFieldSql.MapArgumentType(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // One row per key, upserted by the triggers (LeadCountTriggers); SQLite has one writer, so none waits on it.
        builder.Entity<LeadCount>().HasIndex(c => new { c.SyncState, c.Status }).IsUnique();
        ExtraFieldSql.MapSqlite(builder);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
