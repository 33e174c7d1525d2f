using LeadSync.Core.Data;

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
        await statements.ExecuteAsync(db, cancellationToken);
    }

    public ValueTask DisposeAsync() => statements.DisposeAsync();
}
