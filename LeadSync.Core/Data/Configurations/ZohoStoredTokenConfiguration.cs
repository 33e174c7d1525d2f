using LeadSync.Core.Zoho;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadSync.Core.Data.Configurations;

internal sealed class ZohoStoredTokenConfiguration : IEntityTypeConfiguration<ZohoStoredToken>
{
    public void Configure(EntityTypeBuilder<ZohoStoredToken> builder)
    {
        builder.ToTable("ZohoTokens");
        builder.HasKey(t => t.CredentialsKey);
        builder.Property(t => t.CredentialsKey).HasMaxLength(ZohoStoredToken.CredentialsKeyLength).IsUnicode(false);
        builder.Property(t => t.ProtectedPayload).IsRequired();
    }
}
