using Npgsql;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use, from <c>LEADSYNC_TEST_POSTGRES</c> (an Npgsql connection string to the
/// <c>postgres</c> database of a role that may create databases). <c>./test.sh</c> starts a throwaway server and sets it.
/// PostgreSQL tests never skip: without the variable they fail and say how to get one.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "LEADSYNC_TEST_POSTGRES";

    /// <summary>The admin connection string (database <c>postgres</c>).</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run. Run the tests with ./test.sh " +
                    "(it starts a throwaway PostgreSQL and sets the variable), or point it at a server whose role may " +
                    $"create databases, e.g. {EnvironmentVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres\".");
            }

            return value;
        }
    }

    /// <summary>Creates a new, empty database with a unique name and returns its connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "leadsync_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return (name, builder.ConnectionString);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any connection still open to it.</summary>
    public static async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
    }

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
