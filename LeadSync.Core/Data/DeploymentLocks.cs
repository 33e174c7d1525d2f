using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// Locks that hold across every instance of one deployment: a PostgreSQL advisory lock (<see cref="PostgresAdvisoryLock"/>)
/// on PostgreSQL; on SQLite, which serves one process, a lock within this process.
/// </summary>
public sealed class DeploymentLocks(IDbContextFactory<LeadSyncDbContext> contexts) : IDisposable
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> locals = new();

    /// <summary>Waits for the lock named by <paramref name="key"/> (a constant of its feature, e.g. <see cref="PostgresAdvisoryLock.AdminSeed"/>).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(long key, CancellationToken cancellationToken)
    {
        var local = locals.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(cancellationToken);
        try
        {
            string? connectionString;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                connectionString = db.Provider == DatabaseProvider.Postgres ? db.Database.GetConnectionString() : null;
            }

            var shared = connectionString is null ? null : await PostgresAdvisoryLock.AcquireAsync(connectionString, key, cancellationToken);
            return new Held(local, shared);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var local in locals.Values)
        {
            local.Dispose();
        }
    }

    private sealed class Held(SemaphoreSlim local, IAsyncDisposable? shared) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (shared is not null)
                {
                    await shared.DisposeAsync();
                }
            }
            finally
            {
                local.Release();
            }
        }
    }
}
