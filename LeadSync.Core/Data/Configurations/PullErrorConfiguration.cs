using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class PullErrorConfiguration : IEntityTypeConfiguration<PullError>
{
    public void Configure(EntityTypeBuilder<PullError> builder)
    {
        builder.ToTable("PullErrors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ZohoId).HasMaxLength(19).IsUnicode(false);
        builder.Property(e => e.Code).HasMaxLength(100);
        builder.Property(e => e.Field).HasMaxLength(100);
        builder.Property(e => e.Message).HasMaxLength(2000);
        builder.HasIndex(e => e.RunId);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => e.ZohoId);
    }
}
