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
    public async Task<IAsyncDisposable> AcquireAsync(long key, CancellationToken cancellationToken) =>
        (await TryAcquireAsync(key, wait: true, cancellationToken))!;

    /// <summary>Takes the lock; with <paramref name="wait"/> false returns null at once when it is held (here or elsewhere).</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(long key, bool wait, CancellationToken cancellationToken)
    {
        var local = locals.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        if (!await local.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return null;
        }

        try
        {
            var connectionString = await PostgresConnectionStringAsync(cancellationToken);
            if (connectionString is null)
            {
                return new Held(local, null);
            }

            if (await PostgresAdvisoryLock.TryAcquireAsync(connectionString, key, wait, cancellationToken) is { } shared)
            {
                return new Held(local, shared);
            }

            local.Release();
            return null;
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

    private async Task<string?> PostgresConnectionStringAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return db.Provider == DatabaseProvider.Postgres ? db.Database.GetConnectionString() : null;
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
