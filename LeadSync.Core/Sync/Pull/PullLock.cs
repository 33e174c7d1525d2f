using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// One pull at a time: per process a semaphore, and across instances on PostgreSQL a session advisory lock held
/// on a dedicated connection for the pull's duration (released when the connection closes, even after a crash).
/// </summary>
public sealed class PullLock(IDbContextFactory<LeadSyncDbContext> contexts) : IDisposable
{
    private readonly SemaphoreSlim local = new(1, 1);

    /// <summary>Takes the lock; with <paramref name="wait"/> false returns null at once when another pull holds it.</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(bool wait, CancellationToken cancellationToken)
    {
        if (wait)
        {
            await local.WaitAsync(cancellationToken);
        }
        else if (!await local.WaitAsync(0, cancellationToken))
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

            if (await PostgresAdvisoryLock.TryAcquireAsync(connectionString, PostgresAdvisoryLock.Pull, wait, cancellationToken) is { } deployment)
            {
                return new Held(local, deployment);
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

    public void Dispose() => local.Dispose();

    private async Task<string?> PostgresConnectionStringAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return db.Provider == DatabaseProvider.Postgres ? db.Database.GetConnectionString() : null;
    }

    private sealed class Held(SemaphoreSlim local, IAsyncDisposable? deployment) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (deployment is not null)
                {
                    await deployment.DisposeAsync();
                }
            }
            finally
            {
                local.Release();
            }
        }
    }
}
