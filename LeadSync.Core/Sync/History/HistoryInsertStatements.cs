using System.Data.Common;
using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadSync.Core.Sync.History;

/// <summary>The multi-row INSERTs <see cref="LeadHistoryWriter.Prepare"/> built, each with its bound parameters.</summary>
public sealed class HistoryInsertStatements
{
    private readonly IReadOnlyList<(string Sql, List<DbParameter> Parameters)> statements;

    internal HistoryInsertStatements(IReadOnlyList<(string Sql, List<DbParameter> Parameters)> statements) => this.statements = statements;

    /// <summary>Runs the INSERTs in the context's current transaction.</summary>
    public async Task ExecuteAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (sql, parameters) in statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }
}
