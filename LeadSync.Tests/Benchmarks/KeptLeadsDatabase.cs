using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// A benchmark database that outlives the run, for benchmarks that only read a million bulk-loaded leads: loading them
/// takes minutes on a busy machine (SQLite about five, the whole Leads page benchmark seven), and comparing a change
/// wants the same data in every round. Opt-in with <c>LEADSYNC_BENCH_KEEP_LEADS=&lt;directory&gt;</c>: the SQLite file
/// lives there, the PostgreSQL database keeps a fixed name on the server (<c>./bench.sh</c> then reuses the server
/// named by <c>LEADSYNC_TEST_POSTGRES</c> instead of a throwaway one). Migrations are applied as at an app's start, and
/// the leads are loaded again unless the table holds exactly the expected number.
/// </summary>
public static class KeptLeadsDatabase
{
    public const string Variable = "LEADSYNC_BENCH_KEEP_LEADS";

    private static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } dir ? dir : null;

    /// <summary>A kept SQLite database when <c>LEADSYNC_BENCH_KEEP_LEADS</c> is set, else a throwaway one.</summary>
    public static TestDatabase Sqlite(string name) =>
        Directory is { } dir ? new KeptSqlite(Path.Combine(Path.GetFullPath(dir), name + ".db")) : new SqliteTestDatabase();

    /// <summary>A kept PostgreSQL database when <c>LEADSYNC_BENCH_KEEP_LEADS</c> is set, else a throwaway one.</summary>
    public static TestDatabase Postgres(string name) => Directory is null ? new PostgresTestDatabase() : new KeptPostgres("leadsync_kept_" + name);

    /// <summary>Makes <paramref name="database"/> hold <paramref name="count"/> bulk-loaded leads, loading them only when it does not.</summary>
    public static async Task EnsureLoadedAsync(TestDatabase database, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using (var db = await database.Contexts.CreateDbContextAsync(cancellationToken))
        {
            if (database is KeptSqlite or KeptPostgres && await db.Leads.CountAsync(cancellationToken) == count)
            {
                return;
            }
        }

        await database.ResetAsync(cancellationToken);
        await BulkLeadLoader.LoadAsync(database.Contexts, count, cancellationToken);
    }

    private sealed class KeptSqlite(string path) : TestDatabase
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override Task<Dictionary<string, string?>> CreateStorageAsync(CancellationToken cancellationToken)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return Task.FromResult(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:SqlitePath"] = path });
        }

        protected override Task DeleteStorageAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return Task.CompletedTask;
        }
    }

    private sealed class KeptPostgres(string name) : TestDatabase
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override async Task<Dictionary<string, string?>> CreateStorageAsync(CancellationToken cancellationToken)
        {
            await using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
            {
                await admin.OpenAsync(cancellationToken);
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            var connection = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name }.ConnectionString;
            return new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:LeadSync"] = connection };
        }

        protected override Task DeleteStorageAsync()
        {
            NpgsqlConnection.ClearAllPools();
            return Task.CompletedTask;
        }
    }
}
