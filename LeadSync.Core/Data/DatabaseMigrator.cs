using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Data;

/// <summary>Applies the checked-in migrations of the configured provider.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<LeadSyncDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, db.Provider, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets the console read while the sync engine writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await SqliteSearchIndex.EnsureAsync(db, cancellationToken);
        }
    }
}
