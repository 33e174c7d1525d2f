using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class LeadFieldErrorConfiguration : IEntityTypeConfiguration<LeadFieldError>
{
    public void Configure(EntityTypeBuilder<LeadFieldError> builder)
    {
        builder.ToTable("LeadFieldErrors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ApiName).HasMaxLength(100);
        builder.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Code).HasMaxLength(100);
        builder.Property(e => e.Message).HasMaxLength(SyncError.MaxMessageLength);
        builder.Property(e => e.Value).HasMaxLength(4000);
        builder.HasOne<Lead>().WithMany().HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.LeadId, e.ApiName, e.Direction }).IsUnique();
        builder.HasIndex(e => e.ApiName);
    }
}
