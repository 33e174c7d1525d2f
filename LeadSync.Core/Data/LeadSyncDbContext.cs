using LeadSync.Core.Leads;
using LeadSync.Core.Sync.History;
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
    private const int BulkHistoryThreshold = 10;

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider this context talks to.</summary>
    public abstract DatabaseProvider Provider { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampLeads();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Saves like EF Core, except that many new history rows (a push batch, a pulled page) are appended with
    /// multi-row INSERTs by <see cref="LeadHistoryWriter"/> in the same transaction instead of one statement each.
    /// Changes are accepted only after the commit; if anything fails the rows are tracked as Added again and every
    /// other entry keeps its state, so the context is as it was and the save can be retried. Inside a transaction
    /// the caller owns, EF Core saves the rows itself.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampLeads();
        var history = ChangeTracker.Entries<LeadHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (history.Count < BulkHistoryThreshold || Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        foreach (var row in history)
        {
            Entry(row).State = EntityState.Detached;
        }

        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await LeadHistoryWriter.InsertAsync(this, history, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved + history.Count;
        }
        catch
        {
            AddRange(history);
            throw;
        }
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
