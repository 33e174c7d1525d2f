using LeadSync.Core.Leads.Transfer.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ImportRefusalConfiguration : IEntityTypeConfiguration<ImportRefusal>
{
    public void Configure(EntityTypeBuilder<ImportRefusal> builder)
    {
        builder.ToTable("ImportRefusals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasMaxLength(ImportRefusal.ReasonMaxLength);
        builder.HasIndex(r => new { r.JobId, r.RowNumber });
    }
}
