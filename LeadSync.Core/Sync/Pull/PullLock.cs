using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// One pull at a time: per process a semaphore, and across instances on PostgreSQL a session advisory lock held
/// on a dedicated connection for the pull's duration (released when the connection closes, even after a crash).
/// </summary>
public sealed class PullLock(IDbContextFactory<LeadSyncDbContext> contexts) : IDisposable
{
    private const long AdvisoryKey = 0x4C65616453796E63; // "LeadSync"
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);
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
            string? connectionString;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                connectionString = db.Provider == DatabaseProvider.Postgres ? db.Database.GetConnectionString() : null;
            }

            if (connectionString is null)
            {
                return new Held(local, null);
            }

            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                while (true)
                {
                    await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                    {
                        command.Parameters.AddWithValue("key", AdvisoryKey);
                        if (await command.ExecuteScalarAsync(cancellationToken) is true)
                        {
                            return new Held(local, connection);
                        }
                    }

                    if (!wait)
                    {
                        await connection.DisposeAsync();
                        local.Release();
                        return null;
                    }

                    await Task.Delay(RetryEvery, cancellationToken);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    public void Dispose() => local.Dispose();

    private sealed class Held(SemaphoreSlim local, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is not null)
            {
                // Unlock explicitly: a pooled connection keeps its session (and its locks) after Dispose.
                try
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
                finally
                {
                    await connection.DisposeAsync();
                }
            }

            local.Release();
        }
    }
}
