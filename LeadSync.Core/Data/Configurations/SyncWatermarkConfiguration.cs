using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class SyncWatermarkConfiguration : IEntityTypeConfiguration<SyncWatermark>
{
    public void Configure(EntityTypeBuilder<SyncWatermark> builder)
    {
        builder.ToTable("SyncWatermarks");
        builder.HasKey(w => w.Name);
        builder.Property(w => w.Name).HasMaxLength(50);
    }
}
