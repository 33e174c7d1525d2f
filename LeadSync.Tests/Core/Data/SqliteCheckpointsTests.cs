using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Tests.Core.Data;

/// <summary>
/// SQLite's write-ahead log is copied into the database file by the every-second job on a connection of its own, not
/// inside one of the engine's commits (decision 0006, "Checkpoints outside the write gate").
/// </summary>
public sealed class SqliteCheckpointsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_checkpoint_copies_the_whole_log_into_the_database_file()
    {
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        await AddLeadsAsync(database, 500);
        var before = new FileInfo(database.FilePath).Length;

        var result = await new SqliteCheckpoints(database.Contexts).CheckpointAsync(Token);

        Assert.NotNull(result);
        Assert.True(result.Value.LogFrames > 0, "the leads were written to the log");
        Assert.Equal(result.Value.LogFrames, result.Value.Checkpointed);
        Assert.True(new FileInfo(database.FilePath).Length > before, "the pages are in the database file");
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        Assert.Equal(500, await db.Leads.CountAsync(Token));
    }

    [Fact]
    public async Task The_apps_connections_checkpoint_on_their_own_only_as_a_backstop()
    {
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        await db.Database.OpenConnectionAsync(Token);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";

        var pages = (long)(await command.ExecuteScalarAsync(Token))!;

        Assert.Equal(SqliteCheckpoints.BackstopPages, pages);
    }

    [Fact]
    public async Task The_running_app_checkpoints_every_second_while_the_engine_writes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = new LeadSyncAppFactory().UseDataFolder(folder).WithQuietEngine();
            app.Start();
            var file = Path.Combine(folder, "leadsync.db");
            var before = new FileInfo(file).Length;

            await app.ImportAsync(2_000, "Checkpointed", nudge: false);

            // ~2,000 leads with their entries and indexes are megabytes of log, far under the backstop (10,000 pages):
            // only the job copies them into the file.
            await Eventually.TrueAsync(() => new FileInfo(file).Length > before + (1 << 20), "the log copied into the database file");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task There_is_nothing_to_checkpoint_on_PostgreSQL()
    {
        await using var database = new PostgresTestDatabase();
        await database.InitializeAsync();

        Assert.Null(await new SqliteCheckpoints(database.Contexts).CheckpointAsync(Token));
    }

    private static async Task AddLeadsAsync(TestDatabase database, int count)
    {
        await using var db = await database.Contexts.CreateDbContextAsync(Token);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now };
            lead.Apply(new LeadFields("Check", $"Pointed{i}", $"checkpointed{i}@example.com", null, null, null));
            db.Leads.Add(lead);
        }

        await db.SaveChangesAsync(Token);
    }
}
