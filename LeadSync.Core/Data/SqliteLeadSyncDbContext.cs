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

        // The default sort's index and the name column's end with the search text (SQLite has no INCLUDE), so a page
        // of a search walks them testing the LIKE on the entry, without reading the row (SearchWalk, decision 0012).
        var lead = builder.Entity<Lead>();
        foreach (var sortColumn in new[] { nameof(Lead.UpdatedAt), nameof(Lead.LastName) })
        {
            lead.Metadata.RemoveIndex(lead.Metadata.GetIndexes()
                .Single(i => i.Properties.Select(p => p.Name).SequenceEqual([sortColumn, nameof(Lead.Id)])));
        }

        lead.HasIndex(l => new { l.UpdatedAt, l.Id, l.SearchText }).HasDatabaseName("IX_Leads_UpdatedAt_Id");
        lead.HasIndex(l => new { l.LastName, l.Id, l.SearchText }).HasDatabaseName("IX_Leads_LastName_Id");
        ExtraFieldSql.MapSqlite(builder);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
