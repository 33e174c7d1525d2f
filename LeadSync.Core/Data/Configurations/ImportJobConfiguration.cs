using LeadSync.Core.Leads.Transfer.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength);
        builder.Property(j => j.CreatedBy).HasMaxLength(ImportJob.CreatedByMaxLength);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.ExistingEmail).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.Error).HasMaxLength(ImportJob.ErrorMaxLength);
        builder.Property(j => j.RunnerInstance).HasMaxLength(200);
        builder.Ignore(j => j.IsFinished);
        builder.HasIndex(j => j.CreatedAt);
        builder.HasIndex(j => new { j.State, j.LeaseUntil }); // the resumer looks for unfinished jobs nobody holds
        builder.HasOne<ImportJobFile>().WithOne().HasForeignKey<ImportJobFile>(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<ImportRefusal>().WithOne().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
