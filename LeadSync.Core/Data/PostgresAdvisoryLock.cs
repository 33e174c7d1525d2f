using Npgsql;

namespace LeadSync.Core.Data;

/// <summary>
/// A PostgreSQL session advisory lock shared by every LeadSync instance on one database, held on a connection of its
/// own for as long as the caller keeps the returned handle (and released by the server if the instance dies). Used
/// for the once-per-deployment decisions: applying migrations, seeding the first admin, keeping the Zoho watch channel,
/// one pull at a time, and one partial push batch in flight.
/// </summary>
public static class PostgresAdvisoryLock
{
    /// <summary>Applying migrations.</summary>
    public const long Migrations = 0x4C53_4D49_4752_4154; // "LSMIGRAT"

    /// <summary>Creating the first admin from configuration.</summary>
    public const long AdminSeed = 0x4C53_4144_4D49_4E31; // "LSADMIN1"

    /// <summary>Enabling, renewing or replacing the Zoho watch channel.</summary>
    public const long WatchChannel = 0x4C53_5741_5443_4831; // "LSWATCH1"

    /// <summary>Sending a partial push batch (fewer than 100 records): one in flight per deployment.</summary>
    public const long PartialBatch = 0x4C53_5041_5254_4C31; // "LSPARTL1"

    /// <summary>Pulling from Zoho (one pull per deployment at a time).</summary>
    public const long Pull = 0x4C65616453796E63; // "LeadSync"

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until the lock is free, takes it and returns the handle that releases it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken) =>
        (await TryAcquireAsync(connectionString, key, wait: true, cancellationToken))!;

    /// <summary>
    /// Takes the lock and returns the handle that releases it; with <paramref name="wait"/> false returns null at once
    /// when another session holds it.
    /// </summary>
    public static async Task<IAsyncDisposable?> TryAcquireAsync(string connectionString, long key, bool wait, CancellationToken cancellationToken)
    {
        // No pooling: the lock belongs to the session, and a pooled session would outlive this handle.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            while (true)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                {
                    command.Parameters.AddWithValue("key", key);
                    if (await command.ExecuteScalarAsync(cancellationToken) is true)
                    {
                        return new Held(connection);
                    }
                }

                if (!wait)
                {
                    await connection.DisposeAsync();
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

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => connection.DisposeAsync(); // closing the session releases its advisory locks
    }
}
