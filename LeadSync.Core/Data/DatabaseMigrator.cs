using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Data;

/// <summary>
/// Applies the checked-in migrations of the configured provider. On PostgreSQL the check and the migration run under
/// an advisory lock shared by every instance, so instances starting together apply them once (the others wait, then
/// find nothing pending); the documented release step for several instances is still <c>--migrate</c> before the rollout.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<LeadSyncDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await using (await PostgresAdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, PostgresAdvisoryLock.Migrations, cancellationToken))
            {
                // Npgsql probes a missing history table by querying it and logs the failure as an error on every fresh
                // database; create it first (what Migrate does anyway) so a fresh start logs no error.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await ApplyPendingAsync(db, cancellationToken);
                await LeadCountTriggers.EnsureAsync(db, cancellationToken);
            }

            return;
        }

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        await ApplyPendingAsync(db, cancellationToken);

        // Write-ahead logging lets the console read while the sync engine writes.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await SqliteSearchIndex.EnsureAsync(db, cancellationToken);
        await LeadCountTriggers.EnsureAsync(db, cancellationToken);
    }

    private async Task ApplyPendingAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, db.Provider, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
