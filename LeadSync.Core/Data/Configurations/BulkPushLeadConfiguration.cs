using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class BulkPushLeadConfiguration : IEntityTypeConfiguration<BulkPushLead>
{
    public void Configure(EntityTypeBuilder<BulkPushLead> builder)
    {
        builder.ToTable("BulkPushLeads");
        builder.HasKey(b => new { b.RunId, b.LeadId });
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(b => b.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
