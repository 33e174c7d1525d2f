using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class LeadCountConfiguration : IEntityTypeConfiguration<LeadCount>
{
    public void Configure(EntityTypeBuilder<LeadCount> builder)
    {
        builder.ToTable(LeadCountTriggers.TableName);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.SyncState).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).IsRequired();
        // SQLite keeps one row per key (its triggers upsert), PostgreSQL appends: unique there would make writers wait.
        builder.HasIndex(c => new { c.SyncState, c.Status }).IsUnique(false);
    }
}
