using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>Hands out contexts of whichever provider is configured, typed as the shared base.</summary>
internal sealed class LeadSyncDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LeadSyncDbContext>
    where TContext : LeadSyncDbContext
{
    public LeadSyncDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LeadSyncDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
