using LeadSync.Core.Leads;
using LeadSync.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ExpectedEchoConfiguration : IEntityTypeConfiguration<ExpectedEcho>
{
    public void Configure(EntityTypeBuilder<ExpectedEcho> builder)
    {
        builder.ToTable("ExpectedEchoes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ZohoId).HasMaxLength(Lead.ZohoIdMaxLength).IsUnicode(false);
        builder.HasIndex(e => e.ZohoId);
        builder.HasIndex(e => e.WrittenAt);
    }
}
