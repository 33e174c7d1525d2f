using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("SyncRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.InstanceId).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.Note).HasMaxLength(SyncRunRecorder.NoteMaxLength);
        builder.Property(r => r.TraceId).HasMaxLength(32);
        builder.HasIndex(r => r.StartedAt);
        builder.HasIndex(r => new { r.Kind, r.StartedAt });
    }
}
