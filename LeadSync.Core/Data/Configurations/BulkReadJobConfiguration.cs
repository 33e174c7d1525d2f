using LeadSync.Core.Sync.Pull;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class BulkReadJobConfiguration : IEntityTypeConfiguration<BulkReadJob>
{
    public void Configure(EntityTypeBuilder<BulkReadJob> builder)
    {
        builder.ToTable("BulkReadJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.ZohoJobId).HasMaxLength(100);
        builder.Property(j => j.PageToken).HasMaxLength(500);
        builder.Property(j => j.ZohoState).HasMaxLength(40);
        builder.Property(j => j.Note).HasMaxLength(BulkReadJob.NoteMaxLength);
        builder.HasIndex(j => j.State); // the next pull looks for the read still Reading
    }
}
