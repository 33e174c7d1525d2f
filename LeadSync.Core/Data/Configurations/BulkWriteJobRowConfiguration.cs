using LeadSync.Core.Outbox.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class BulkWriteJobRowConfiguration : IEntityTypeConfiguration<BulkWriteJobRow>
{
    public void Configure(EntityTypeBuilder<BulkWriteJobRow> builder)
    {
        builder.ToTable("BulkWriteJobRows");
        builder.HasKey(r => new { r.JobId, r.Row });
        builder.Property(r => r.Values).HasColumnName("ValuesJson").AsJson();
    }
}
