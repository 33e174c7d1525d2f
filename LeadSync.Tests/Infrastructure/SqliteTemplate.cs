using LeadSync.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// A SQLite database migrated once per test process (by the app's own <see cref="DatabaseMigrator"/>) and copied
/// into the folder of each new test app and bUnit context: they then start on an up-to-date database, as after a
/// restart, instead of applying every migration again — about 200 ms of each of some hundreds of starts a run (and,
/// for apps with the default test admin, a copy that already holds it: <see cref="CopyWithAdminTo"/>). The
/// migrations themselves are tested on empty databases (<c>DatabaseMigratorTests</c>); the app still runs its migrator
/// at start, which finds nothing pending and ensures the search index and count triggers as on every start.
/// </summary>
internal static class SqliteTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock TemplateWithAdminGate = new();
    private static string? templateWithAdmin;

    /// <summary>Copies the migrated database to <paramref name="path"/> (which must not exist yet).</summary>
    public static void CopyTo(string path) => File.Copy(Template.Value, path);

    /// <summary>
    /// Copies the migrated database with the test admin (<see cref="LeadSyncAppFactory.AdminEmail"/>) already in it, as
    /// the app's first start leaves it: a start then finds an admin and skips creating one — the password's hashing,
    /// about 90 ms of CPU of every app start. The creation from configuration is tested where the settings differ.
    /// </summary>
    public static void CopyWithAdminTo(string path) => File.Copy(TemplateWithAdmin(), path);

    /// <summary>Made once; a failed attempt (a seeding start that timed out) is tried again by the next app, not cached.</summary>
    private static string TemplateWithAdmin()
    {
        lock (TemplateWithAdminGate)
        {
            return templateWithAdmin ??= CreateWithAdmin();
        }
    }

    private static string Create()
    {
        var path = NewFile("template-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqlitePath"] = path,
        }).Build();
        using (var services = new ServiceCollection().AddLogging().AddLeadSyncData(configuration, AppContext.BaseDirectory).BuildServiceProvider())
        {
            // Once per process, before any test app exists: nothing else waits on this thread's result meanwhile.
            services.GetRequiredService<DatabaseMigrator>().MigrateAsync().GetAwaiter().GetResult();
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            Checkpoint(connection);
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>The template plus the admin row an app created from <c>Admin:Email</c>/<c>Admin:Password</c> at its start.</summary>
    private static string CreateWithAdmin()
    {
        var path = NewFile("template-admin-");
        File.Copy(Template.Value, path);
        using (var seeding = LeadSyncAppFactory.ForAdminTemplate())
        {
            _ = seeding.Services; // started: the admin seeder has run
            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            using var copy = connection.CreateCommand();
            copy.CommandText = """
                ATTACH DATABASE $seeded AS seeded;
                INSERT INTO main."AspNetUsers" SELECT * FROM seeded."AspNetUsers";
                """;
            copy.Parameters.AddWithValue("$seeded", Path.Combine(seeding.DataDirectory, "leadsync.db"));
            if (copy.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException("The seeding app did not create exactly one admin.");
            }

            Checkpoint(connection);
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>The path of a database in a folder of its own, deleted when the test process exits.</summary>
    private static string NewFile(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);
        return Path.Combine(directory, "leadsync.db");
    }

    /// <summary>Moves everything in the write-ahead log into the one file that is copied.</summary>
    private static void Checkpoint(SqliteConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA main.wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
