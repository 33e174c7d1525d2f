using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadSync.Core.Data;

/// <summary>The PostgreSQL flavour of the model (production; several instances may share one database).</summary>
public sealed class PostgresLeadSyncDbContext(DbContextOptions<PostgresLeadSyncDbContext> options) : LeadSyncDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz holds UTC instants; Npgsql refuses other offsets, so convert on the way in.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        ExtraFieldSql.MapArgumentType(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        // Quick search is a substring match: a trigram index keeps it fast at 100,000 leads.
        builder.Entity<Lead>()
            .HasIndex(l => l.SearchText)
            .HasDatabaseName("IX_Leads_SearchText_trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");

        // The default sort's index and the name column's carry the search text, so a page of a search walks them
        // index-only (the LIKE tested on the entry, no table row read) and reads only its 50 rows (decision 0012).
        builder.Entity<Lead>().HasIndex(l => new { l.UpdatedAt, l.Id }).IncludeProperties(l => l.SearchText);
        builder.Entity<Lead>().HasIndex(l => new { l.LastName, l.Id }).IncludeProperties(l => l.SearchText);

        // Extra field values are jsonb; filters on a mapped picklist or boolean are containment tests
        // (ExtraFields @> '{"Rating":"Hot"}'), which a GIN index with jsonb_path_ops answers (docs/extra-fields.md).
        builder.Entity<Lead>().Property(l => l.ExtraFields).HasColumnType("jsonb");
        builder.Entity<Lead>()
            .HasIndex(l => l.ExtraFields)
            .HasDatabaseName("IX_Leads_ExtraFields_path")
            .HasMethod("gin")
            .HasOperators("jsonb_path_ops");
        ExtraFieldSql.MapPostgres(builder);
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}
