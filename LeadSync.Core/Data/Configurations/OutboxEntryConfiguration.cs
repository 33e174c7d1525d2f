using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class OutboxEntryConfiguration : IEntityTypeConfiguration<OutboxEntry>
{
    public void Configure(EntityTypeBuilder<OutboxEntry> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Operation).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.ZohoId).HasMaxLength(19).IsUnicode(false);
        builder.Property(e => e.ClaimedBy).HasMaxLength(200);
        builder.Property(e => e.LastErrorCode).HasMaxLength(100);
        builder.Property(e => e.LastErrorMessage).HasMaxLength(2000);
        builder.Property(e => e.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.CreateEmail).HasMaxLength(Leads.Lead.EmailMaxLength);
        builder.HasIndex(e => e.CreateEmail); // a pull looks up Zoho records a lost create may have made
        // A pull leaves alone the Zoho records whose delete waits here; only deletes are indexed (upserts pay nothing).
        builder.HasIndex(e => e.ZohoId).HasFilter("\"Operation\" = 'Delete'").HasDatabaseName("IX_Outbox_PendingDeletes");
        builder.Property(e => e.CreateSnapshot).HasColumnName("CreateSnapshotJson").AsJson();
        // A result applied after a coalesced edit must not delete the newer revision (see OutboxProcessor).
        builder.Property(e => e.Revision).IsConcurrencyToken();
        builder.HasIndex(e => e.LeadId).IsUnique();
        // The claim's order: due entries are read in index order and the read stops after one batch (no sort).
        builder.HasIndex(e => new { e.DeadLettered, e.NextAttemptAt, e.Id });
        // A bulk push's run finds the entries it reserved; the index holds only those (claims never touch the column).
        builder.HasIndex(e => new { e.ReservedFor, e.Id }).HasFilter("\"ReservedFor\" IS NOT NULL");
    }
}
