using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class LeadHistoryEntryConfiguration : IEntityTypeConfiguration<LeadHistoryEntry>
{
    public void Configure(EntityTypeBuilder<LeadHistoryEntry> builder)
    {
        builder.ToTable("LeadHistory");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ErrorCode).HasMaxLength(100);
        builder.Property(e => e.ErrorMessage).HasMaxLength(2000);
        builder.HasIndex(e => new { e.LeadId, e.At });
        builder.HasIndex(e => e.RunId);
        builder.HasIndex(e => e.At);
    }
}
