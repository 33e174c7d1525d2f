using LeadSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadSync.Core.Sync.History;

/// <summary>The multi-row INSERTs <see cref="LeadHistoryWriter.Prepare"/> built, bound and ready to run.</summary>
public sealed class HistoryInsertStatements : IAsyncDisposable
{
    private readonly ChunkedStatements statements;

    internal HistoryInsertStatements(ChunkedStatements statements) => this.statements = statements;

    /// <summary>Runs the INSERTs in the context's current transaction.</summary>
    public async Task ExecuteAsync(LeadSyncDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await statements.ExecuteAsync(db.Database.CurrentTransaction?.GetDbTransaction(), rowsOf: null, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public ValueTask DisposeAsync() => statements.DisposeAsync();
}
