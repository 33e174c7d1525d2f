using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class BulkWriteJobConfiguration : IEntityTypeConfiguration<BulkWriteJob>
{
    public void Configure(EntityTypeBuilder<BulkWriteJob> builder)
    {
        builder.ToTable("BulkWriteJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.FileId).HasMaxLength(100);
        builder.Property(j => j.ZohoJobId).HasMaxLength(100);
        builder.Property(j => j.ZohoState).HasMaxLength(40);
        builder.Property(j => j.CallbackTokenHash).HasMaxLength(64);
        builder.Property(j => j.Error).HasMaxLength(BulkWriteJob.ErrorMaxLength);
        builder.Property(j => j.FollowedBy).HasMaxLength(200);
        builder.Ignore(j => j.IsFinished);
        builder.HasIndex(j => j.CallbackTokenHash).IsUnique();
        builder.HasIndex(j => new { j.State, j.FollowedUntil }); // the resumer looks for unfinished jobs nobody follows
        builder.HasIndex(j => j.RunId);
        builder.HasOne<SyncRun>().WithMany().HasForeignKey(j => j.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<BulkWriteJobRow>().WithOne().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
