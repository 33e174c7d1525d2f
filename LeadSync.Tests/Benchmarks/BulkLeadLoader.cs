using System.Data.Common;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace LeadSync.Tests.Benchmarks;

/// <summary>
/// Loads millions of <see cref="BenchmarkLeads.Generate"/> leads into an app's database in a minute or less, which EF's
/// change tracker cannot (≈ 10 µs a row before the database does anything): on SQLite one prepared INSERT in one
/// transaction, on PostgreSQL a binary COPY. The values are stored as EF stores them (SQLite: upper-case GUID text,
/// UTC ticks, the enum's name), so the app reads the rows back exactly as its own.
/// </summary>
public static class BulkLeadLoader
{
    private static readonly string[] Columns =
    [
        "Id", "FirstName", "LastName", "Email", "EmailNormalized", "Phone", "Status", "Company", "SearchText", "ZohoId",
        "CreatedAt", "UpdatedAt", "SyncState", "LastSyncedAt", "Version",
    ];

    /// <summary>Inserts <paramref name="count"/> leads and refreshes the planner's statistics.</summary>
    public static Task LoadAsync(IDbContextFactory<LeadSyncDbContext> contexts, int count, CancellationToken cancellationToken = default) =>
        LoadAsync(contexts, BenchmarkLeads.Generate(count), cancellationToken);

    /// <summary>
    /// Inserts <paramref name="count"/> leads that were never sent to Zoho (no Zoho id, <see cref="SyncState.NeverSynced"/>,
    /// nothing queued), as a company's leads stand before its first export.
    /// </summary>
    public static Task LoadNewAsync(IDbContextFactory<LeadSyncDbContext> contexts, int count, CancellationToken cancellationToken = default) =>
        LoadAsync(contexts, BenchmarkLeads.Generate(count).Select(AsNew), cancellationToken);

    private static Lead AsNew(Lead lead)
    {
        lead.SyncState = SyncState.NeverSynced;
        lead.ZohoId = null;
        lead.LastSyncedAt = null;
        return lead;
    }

    private static async Task LoadAsync(IDbContextFactory<LeadSyncDbContext> contexts, IEnumerable<Lead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The app's database has no connection string.");
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // A connection of its own, outside the app's pool: the large page cache below goes with it.
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await sqlite.OpenAsync(cancellationToken);
            // With SQLite's default 2 MB page cache, fifteen indexes filled in random order spill the same pages to the
            // WAL again and again (gigabytes for a million rows); 1 GB keeps the transaction's pages in memory.
            await ExecuteAsync(sqlite, "PRAGMA cache_size = -1048576", cancellationToken);
            await LoadSqliteAsync(sqlite, leads, cancellationToken);
            await ExecuteAsync(sqlite, "ANALYZE", cancellationToken);
        }
        else
        {
            await using var postgres = new NpgsqlConnection(connectionString);
            await postgres.OpenAsync(cancellationToken);
            await LoadPostgresAsync(postgres, leads, cancellationToken);
            await ExecuteAsync(postgres, "VACUUM ANALYZE \"Leads\"", cancellationToken);
        }
    }

    private static async Task LoadSqliteAsync(SqliteConnection connection, IEnumerable<Lead> leads, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"Leads\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) " +
                             $"VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();
        foreach (var lead in leads)
        {
            object?[] values =
            [
                lead.Id.ToString().ToUpperInvariant(), lead.FirstName, lead.LastName, lead.Email, lead.EmailNormalized, lead.Phone,
                lead.Status, lead.Company, lead.SearchText, lead.ZohoId, lead.CreatedAt.UtcTicks, lead.UpdatedAt.UtcTicks,
                lead.SyncState.ToString(), lead.LastSyncedAt?.UtcTicks, lead.Version,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery(); // synchronous: Microsoft.Data.Sqlite has no asynchronous I/O, only wrappers
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task LoadPostgresAsync(NpgsqlConnection connection, IEnumerable<Lead> leads, CancellationToken cancellationToken)
    {
        var copy = $"COPY \"Leads\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var lead in leads)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(lead.Id, NpgsqlDbType.Uuid, cancellationToken);
            await WriteTextAsync(importer, lead.FirstName, cancellationToken);
            await WriteTextAsync(importer, lead.LastName, cancellationToken);
            await WriteTextAsync(importer, lead.Email, cancellationToken);
            await WriteTextAsync(importer, lead.EmailNormalized, cancellationToken);
            await WriteTextAsync(importer, lead.Phone, cancellationToken);
            await WriteTextAsync(importer, lead.Status, cancellationToken);
            await WriteTextAsync(importer, lead.Company, cancellationToken);
            await WriteTextAsync(importer, lead.SearchText, cancellationToken);
            await WriteTextAsync(importer, lead.ZohoId, cancellationToken);
            await importer.WriteAsync(lead.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(lead.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(lead.SyncState.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            if (lead.LastSyncedAt is { } synced)
            {
                await importer.WriteAsync(synced, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(lead.Version, NpgsqlDbType.Bigint, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
