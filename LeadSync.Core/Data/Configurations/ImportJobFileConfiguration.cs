using LeadSync.Core.Leads.Transfer.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ImportJobFileConfiguration : IEntityTypeConfiguration<ImportJobFile>
{
    public void Configure(EntityTypeBuilder<ImportJobFile> builder)
    {
        builder.ToTable("ImportJobFiles");
        builder.HasKey(f => f.JobId);
    }
}
