using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ZohoDeletionConfiguration : IEntityTypeConfiguration<ZohoDeletion>
{
    public void Configure(EntityTypeBuilder<ZohoDeletion> builder)
    {
        builder.ToTable("ZohoDeletions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ZohoId).HasMaxLength(Lead.ZohoIdMaxLength).IsUnicode(false);
        builder.HasIndex(d => d.ZohoId);
        builder.HasIndex(d => d.DeletedAt);
    }
}
