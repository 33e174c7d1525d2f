using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ZohoCallSlotConfiguration : IEntityTypeConfiguration<ZohoCallSlot>
{
    public void Configure(EntityTypeBuilder<ZohoCallSlot> builder)
    {
        builder.ToTable("ZohoCallSlots");
        builder.HasKey(s => s.Slot);
        builder.Property(s => s.Slot).ValueGeneratedNever();
        builder.Property(s => s.Holder).HasMaxLength(300);
    }
}
