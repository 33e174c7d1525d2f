using LeadSync.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

public sealed class DatabaseMigratorTests_Sqlite : DatabaseMigratorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override TestDatabase CreateEmptyDatabase() => new SqliteTestDatabase { MigrateOnInitialize = false };

    [Fact]
    public async Task A_new_database_is_created_with_16_KB_pages_and_write_ahead_logging()
    {
        await using var database = new SqliteTestDatabase { MigrateOnInitialize = false };
        await database.InitializeAsync();

        await database.MigrateAsync(Token);

        Assert.Equal((16_384L, "wal"), await PageSizeAndJournalAsync(database.FilePath));
    }

    [Fact]
    public async Task An_existing_database_keeps_its_page_size_and_is_migrated_in_place()
    {
        // A database from before 16 KB pages: SQLite's default 4 KB, in WAL mode, with a table of its own.
        await using var database = new SqliteTestDatabase { MigrateOnInitialize = false };
        await database.InitializeAsync();
        await using (var connection = new SqliteConnection($"Data Source={database.FilePath};Pooling=false"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE \"Kept\" (\"Id\" INTEGER PRIMARY KEY); INSERT INTO \"Kept\" VALUES (7);";
            await command.ExecuteNonQueryAsync(Token);
        }

        await database.MigrateAsync(Token);

        Assert.Equal((4_096L, "wal"), await PageSizeAndJournalAsync(database.FilePath));
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
        Assert.Equal(7L, await db.Database.SqlQueryRaw<long>("SELECT \"Id\" AS \"Value\" FROM \"Kept\"").SingleAsync(Token));
    }

    private static async Task<(long PageSize, string Journal)> PageSizeAndJournalAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        var pageSize = (long)(await command.ExecuteScalarAsync(Token))!;
        command.CommandText = "PRAGMA journal_mode";
        return (pageSize, (string)(await command.ExecuteScalarAsync(Token))!);
    }
}
