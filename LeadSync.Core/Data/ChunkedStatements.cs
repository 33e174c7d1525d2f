using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Data;

/// <summary>
/// A multi-row write built ahead of running it, as one bound command per chunk of rows. On SQLite the chunks are
/// small (<see cref="SqliteRowsPerStatement"/>) and every full chunk has the same text, so the command that ran the
/// first one runs the others with their values bound in turn, compiled once. The reason is how SQLite finds a named
/// parameter: a linear search of the statement's names, when it compiles the statement and again for every value
/// bound — a statement of 100 rows and 500 parameters made about 250,000 name comparisons twice over, about a ninth
/// of a push's busy CPU, inside the write gate (decision 0006, "Parameters by name"). One statement per row is worse:
/// running a statement has a cost of its own. PostgreSQL numbers its parameters: one chunk of every row. The chunks
/// run once: the compiled command ends bound to the last chunk's values.
/// </summary>
internal sealed class ChunkedStatements(IReadOnlyList<(DbCommand Command, int Rows)> chunks) : IAsyncDisposable
{
    private bool ran;

    /// <summary>Rows per statement on SQLite: 20 rows of five values is 100 names to search.</summary>
    public const int SqliteRowsPerStatement = 20;

    /// <summary>The first chunk's command, as bound (plans are tested on it).</summary>
    public DbCommand First => chunks[0].Command;

    /// <summary>How many rows go in one statement: <see cref="SqliteRowsPerStatement"/> on SQLite, all of them elsewhere.</summary>
    public static int RowsPerStatement(DatabaseProvider provider, int rows) =>
        provider == DatabaseProvider.Sqlite ? SqliteRowsPerStatement : Math.Max(rows, 1);

    /// <summary>
    /// Runs every chunk in <paramref name="transaction"/>; false as soon as a chunk writes fewer or more rows than it
    /// holds (a row moved since the statements were built: the caller rolls back).
    /// </summary>
    public Task<bool> TryExecuteAsync(DbTransaction? transaction, CancellationToken cancellationToken) =>
        RunAsync(transaction, checkRows: true, cancellationToken);

    /// <summary>Runs every chunk in the context's current transaction (inserts: each writes its rows or throws).</summary>
    public async Task ExecuteAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await RunAsync(db.Database.CurrentTransaction?.GetDbTransaction(), checkRows: false, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<bool> RunAsync(DbTransaction? transaction, bool checkRows, CancellationToken cancellationToken)
    {
        if (ran)
        {
            throw new InvalidOperationException("These statements have run already: build them again to run them again.");
        }

        ran = true;
        DbCommand? compiled = null;
        foreach (var (chunk, rows) in chunks)
        {
            if (compiled is null || !string.Equals(compiled.CommandText, chunk.CommandText, StringComparison.Ordinal))
            {
                compiled = chunk; // a new text: this command compiles it, and runs the chunks after it that share it
            }
            else
            {
                var values = chunk.Parameters.Cast<DbParameter>().ToArray();
                chunk.Parameters.Clear(); // Npgsql's parameters belong to one collection at a time
                compiled.Parameters.Clear();
                compiled.Parameters.AddRange(values);
            }

            compiled.Transaction = transaction;
            if (await compiled.ExecuteNonQueryAsync(cancellationToken) != rows && checkRows)
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (chunk, _) in chunks)
        {
            await chunk.DisposeAsync();
        }
    }
}
