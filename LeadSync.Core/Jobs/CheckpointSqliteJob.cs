using Coravel.Invocable;
using LeadSync.Core.Data;

namespace LeadSync.Core.Jobs;

/// <summary>Every second: copies SQLite's write-ahead log into the database file outside the write gate (<see cref="SqliteCheckpoints"/>).</summary>
public sealed class CheckpointSqliteJob(SqliteCheckpoints checkpoints) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => checkpoints.CheckpointAsync(CancellationToken);
}
