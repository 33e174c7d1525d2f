using System.Data.Common;
using System.Globalization;
using System.Text;
using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.History;

/// <summary>
/// Appends history rows with multi-row INSERTs (up to 100 rows a statement) in the caller's transaction. A push
/// batch or a pulled page writes one row per lead; row by row, those inserts cost as much as the sync work itself.
/// Values shared by many rows (run, time, direction, outcome, a pulled page's one change) are sent once and nulls are
/// written as NULL; a lead's id and a long text (a new lead's every value) are each a row's own and are not looked up
/// (hashing a create's description twice a row cost more than the statement saved). On SQLite,
/// which looks parameters up by name with a linear search (a statement's cost grows with the square of its
/// parameters), a statement holds fewer rows and one compiled statement runs them all (<see cref="ChunkedStatements"/>).
/// </summary>
public static class LeadHistoryWriter
{
    private const int RowsPerStatement = 100;

    /// <summary>Texts longer than this are a row's own: a change shared by a page's rows is one short line.</summary>
    private const int MaxSharedText = 200;

    private const string Insert = """INSERT INTO "LeadHistory" ("LeadId", "RunId", "At", "Direction", "Outcome", "Changes", "ErrorCode", "ErrorMessage") VALUES """;

    /// <summary>Inserts <paramref name="rows"/> in the context's current transaction.</summary>
    public static async Task InsertAsync(LeadSyncDbContext db, IReadOnlyList<LeadHistoryEntry> rows, CancellationToken cancellationToken)
    {
        await using var statements = Prepare(db, rows);
        await statements.ExecuteAsync(db, cancellationToken);
    }

    /// <summary>
    /// The INSERTs for <paramref name="rows"/>, built and bound ahead of the write (a push batch builds them before
    /// it takes the SQLite write gate), run later by <see cref="HistoryInsertStatements.ExecuteAsync"/>.
    /// </summary>
    // One multi-row INSERT built with its parameters: splitting the builder would hide the statement it makes.
    public static HistoryInsertStatements Prepare(LeadSyncDbContext db, IReadOnlyList<LeadHistoryEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var statements = new List<(DbCommand, int)>();
        var perStatement = Math.Min(RowsPerStatement, ChunkedStatements.RowsPerStatement(db.Provider, rows.Count));
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            var parameters = command.Parameters;
            var shared = new Dictionary<(string, object), string>();
            var sql = new StringBuilder(Insert);
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                sql.Append(i == 0 ? "(" : ", (")
                    .Append(Own(nameof(LeadHistoryEntry.LeadId), row.LeadId)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.RunId), row.RunId)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.At), row.At)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.Direction), row.Direction)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.Outcome), row.Outcome)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.Changes), row.Changes)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.ErrorCode), row.ErrorCode)).Append(", ")
                    .Append(Add(nameof(LeadHistoryEntry.ErrorMessage), row.ErrorMessage)).Append(')');
            }

            command.CommandText = sql.ToString();
            statements.Add((command, chunk.Length));

            string Add(string property, object? value)
            {
                if (value is null || value is string { Length: > MaxSharedText })
                {
                    return Own(property, value);
                }

                if (shared.TryGetValue((property, value), out var existing))
                {
                    return existing;
                }

                var name = Own(property, value);
                shared[(property, value)] = name;
                return name;
            }

            string Own(string property, object? value)
            {
                if (value is null)
                {
                    return "NULL";
                }

                var name = "@h" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters.Add(db.Parameter<LeadHistoryEntry>(property, name, value, command));
                return name;
            }
        }

        return new HistoryInsertStatements(new ChunkedStatements(statements));
    }
}
