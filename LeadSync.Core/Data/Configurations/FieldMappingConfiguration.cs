using LeadSync.Core.Fields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class FieldMappingConfiguration : IEntityTypeConfiguration<FieldMapping>
{
    public void Configure(EntityTypeBuilder<FieldMapping> builder)
    {
        builder.ToTable("FieldMappings");
        builder.HasKey(f => f.ApiName);
        builder.Property(f => f.ApiName).HasMaxLength(CachedZohoField.ApiNameMaxLength);
        builder.Property(f => f.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.MappedBy).HasMaxLength(256);
    }
}
