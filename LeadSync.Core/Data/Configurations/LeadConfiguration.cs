using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("Leads");
        builder.HasKey(l => l.Id);
        // Lengths are Core's rules (counted in characters as a person sees them); the columns are plain text so
        // that no provider counts differently and refuses what validation accepted.
        builder.Property(l => l.LastName).IsRequired();
        builder.Property(l => l.Email).IsRequired();
        builder.Property(l => l.EmailNormalized).IsRequired();
        builder.Property(l => l.SearchText).IsRequired();
        builder.Property(l => l.ZohoId).HasMaxLength(Lead.ZohoIdMaxLength).IsUnicode(false);
        builder.Property(l => l.SyncState).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.Fields);

        builder.OwnsOne(l => l.LastError, e =>
        {
            e.Property(x => x.Code).HasColumnName("LastErrorCode").HasMaxLength(100);
            e.Property(x => x.Field).HasColumnName("LastErrorField").HasMaxLength(100);
            e.Property(x => x.Message).HasColumnName("LastErrorMessage").HasMaxLength(2000);
            e.HasIndex(x => x.Code);
        });

        // The agreed snapshot's column text, written by Lead itself with its extra values (AgreedSnapshotColumn).
        builder.Ignore(l => l.AgreedSnapshot);
        builder.Property<string?>(Lead.AgreedSnapshotTextName).UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnName("AgreedSnapshotJson");
        builder.Property(l => l.ExtraFields).AsJson().IsRequired();

        // Everything the console filters or sorts on is indexed. A sort column's index ends with the Id, the list's
        // tie-breaker (LeadQueries.Sort), so a page deep in a column with few distinct values (50 last names over a
        // million leads) is read from the index in order instead of sorting a whole group of ties. The filters' indexes
        // continue with the default order (UpdatedAt, Id), so a filtered first page reads 50 index entries.
        builder.HasIndex(l => l.EmailNormalized).IsUnique();
        // Linked leads only: every lookup is by a Zoho id. Unlinked leads (new ones, many at once after an import) are
        // found by their primary key, and an index holding them let PostgreSQL, with statistics from before the import,
        // drive "is this a first push" by scanning every unlinked lead once per outbox entry (decision 0006).
        builder.HasIndex(l => l.ZohoId).IsUnique().HasFilter("\"ZohoId\" IS NOT NULL");
        builder.HasIndex(l => new { l.UpdatedAt, l.Id });
        builder.HasIndex(l => new { l.CreatedAt, l.Id });
        builder.HasIndex(l => new { l.LastName, l.Id });
        builder.HasIndex(l => new { l.FirstName, l.Id });
        builder.HasIndex(l => l.Email);
        builder.HasIndex(l => new { l.Phone, l.Id });
        builder.HasIndex(l => new { l.Company, l.Id });
        builder.HasIndex(l => new { l.Status, l.UpdatedAt, l.Id });
        builder.HasIndex(l => new { l.SyncState, l.UpdatedAt, l.Id });
        builder.HasIndex(l => l.LastSyncedAt);
        builder.HasIndex(l => l.ZohoModifiedTime);
    }
}
