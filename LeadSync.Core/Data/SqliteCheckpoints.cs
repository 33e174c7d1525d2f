using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file from a connection of its own, every second
/// (<see cref="Jobs.CheckpointSqliteJob"/>), instead of in whichever commit pushes the log past SQLite's threshold.
/// That commit is one of the sync engine's, holding the write gate (<see cref="Sync.SqliteWriteGate"/>) that every
/// other write waits for, and the copying grows with the bytes written: a push of wide leads (20 mapped fields) lost
/// about a tenth of its rate to it (decision 0006, "Checkpoints outside the write gate"). A PASSIVE checkpoint waits
/// for nobody: it copies what no reader still needs and leaves the rest for the next one. SQLite's own automatic
/// checkpoint stays as a backstop at <see cref="BackstopPages"/> pages (<see cref="SqliteConnectionSettings"/>), for a
/// host that runs no schedule. PostgreSQL: nothing to do.
/// </summary>
public sealed class SqliteCheckpoints(IDbContextFactory<LeadSyncDbContext> contexts)
{
    /// <summary>Log pages after which a commit checkpoints anyway (SQLite's default is 1,000): 160 MB of 16 KB pages.</summary>
    public const int BackstopPages = 10_000;

    /// <summary>
    /// Runs a PASSIVE checkpoint; returns the log's frames and how many of them are now in the database file, or null
    /// on PostgreSQL (or when another checkpoint was running: SQLite answers busy and the next second tries again).
    /// </summary>
    public async Task<(long LogFrames, long Checkpointed)?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) != 0)
        {
            return null;
        }

        return (reader.GetInt64(1), reader.GetInt64(2));
    }
}
