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
        StampLeads(detectOnce: false);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Saves like EF Core, except that many new history rows (a push batch, a pulled page) are appended with
    /// multi-row INSERTs by <see cref="LeadHistoryWriter"/> in the same transaction instead of one statement each.
    /// Changes are accepted only after the commit; if anything fails the rows are tracked as Added again and every
    /// other entry keeps its state, so the context is as it was and the save can be retried. Inside a transaction
    /// the caller owns, EF Core saves the rows itself.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAsync(acceptAllChangesOnSuccess, once: false, cancellationToken);

    /// <summary>
    /// Saves a unit of work that is thrown away if its save fails (a pulled page), in one transaction: as
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>, but its changes are detected once, not at every step,
    /// and on SQLite its new and changed leads are written by <see cref="SqliteLeadWrites"/> (prepared statements reused
    /// lead after lead). After a failure the change tracker no longer tells what is unsaved.
    /// </summary>
    internal Task<int> SaveOnceAsync(CancellationToken cancellationToken) => SaveAsync(acceptAllChangesOnSuccess: true, once: true, cancellationToken);

    private async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, bool once, CancellationToken cancellationToken)
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            StampLeads(detectOnce: once);
            var history = ChangeTracker.Entries<LeadHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            if (Database.CurrentTransaction is not null || (history.Count < BulkHistoryThreshold && !once))
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            return await SaveInTransactionAsync(history, acceptAllChangesOnSuccess, once && Provider == DatabaseProvider.Sqlite, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>One transaction: the leads by statement (when asked), the rest by EF Core, then the history rows.</summary>
    private async Task<int> SaveInTransactionAsync(List<LeadHistoryEntry> history, bool acceptAllChangesOnSuccess, bool leadsByStatement, CancellationToken cancellationToken)
    {
        foreach (var row in history)
        {
            Entry(row).State = EntityState.Detached;
        }

        try
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var saved = leadsByStatement ? await SqliteLeadWrites.WriteAsync(this, cancellationToken) : 0;
            saved += await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
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

    /// <summary>
    /// Keeps the derived columns current and bumps the concurrency token of every changed lead. With
    /// <paramref name="detectOnce"/> the changes found here are the save's: each stamped lead is detected again by
    /// itself and the rest of the save detects nothing (a pulled page's leads are otherwise compared field by field,
    /// JSON columns included, at every step of the save).
    /// </summary>
    private void StampLeads(bool detectOnce)
    {
        foreach (var entry in ChangeTracker.Entries<Lead>().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.RefreshDerived();
                entry.Entity.Version++;
                if (detectOnce)
                {
                    entry.DetectChanges();
                }
            }
        }

        ChangeTracker.AutoDetectChangesEnabled &= !detectOnce;
    }
}
