using LeadSync.Core.Fields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class CachedZohoFieldConfiguration : IEntityTypeConfiguration<CachedZohoField>
{
    public void Configure(EntityTypeBuilder<CachedZohoField> builder)
    {
        builder.ToTable("ZohoFields");
        builder.HasKey(f => f.ApiName);
        builder.Property(f => f.ApiName).HasMaxLength(CachedZohoField.ApiNameMaxLength);
    }
}
