using LeadSync.Core.Leads;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// LeadSync's database: leads, the sync bookkeeping, admins (Identity) and Data Protection keys.
/// One model, two providers: <see cref="SqliteLeadSyncDbContext"/> and <see cref="PostgresLeadSyncDbContext"/>
/// each own their migrations. Entities other than leads are reached with <c>Set&lt;T&gt;()</c> and configured by
/// their own <c>IEntityTypeConfiguration</c> in <c>Data/Configurations</c>.
/// </summary>
public abstract class LeadSyncDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider this context talks to.</summary>
    public abstract DatabaseProvider Provider { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampLeads();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampLeads();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadSyncDbContext).Assembly);
    }

    /// <summary>Keeps the derived columns current and bumps the concurrency token of every changed lead.</summary>
    private void StampLeads()
    {
        foreach (var entry in ChangeTracker.Entries<Lead>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.RefreshDerived();
                entry.Entity.Version++;
            }
        }
    }
}
