using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class SyncConflictConfiguration : IEntityTypeConfiguration<SyncConflict>
{
    public void Configure(EntityTypeBuilder<SyncConflict> builder)
    {
        builder.ToTable("SyncConflicts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Field).HasMaxLength(50);
        builder.Property(c => c.Resolution).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Policy).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.LeadId, c.Resolution });
        builder.HasIndex(c => c.At);
    }
}
