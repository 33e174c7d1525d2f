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
    /// <summary>
    /// The page size a new SQLite database is created with: 16 KB rather than SQLite's 4 KB. A lead with mapped extra
    /// fields and its agreed values is ~1.5 KB, two to a 4 KB page; every commit writes each page it touched to the
    /// log, so the sync's batches wrote two to four times the pages (decision 0006, "16 KB pages"). SQLite fixes the
    /// size when the file is created: an existing database keeps its own (VACUUM outside WAL mode would change it).
    /// </summary>
    public const int SqlitePageSize = 16_384;

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

        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // One connection throughout, so that the page size below is the one the migrations create the file with.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA page_size = {SqlitePageSize};", cancellationToken);
            await ApplyPendingAsync(db, cancellationToken);

            // Write-ahead logging lets the console read while the sync engine writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await SqliteSearchIndex.EnsureAsync(db, cancellationToken);
            await LeadCountTriggers.EnsureAsync(db, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
