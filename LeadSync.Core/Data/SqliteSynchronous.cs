namespace LeadSync.Core.Data;

/// <summary>
/// <c>Database:SqliteSynchronous</c>: when a SQLite commit waits for the disk (SQLite's <c>PRAGMA synchronous</c> in
/// WAL mode). See <see cref="SqliteConnectionSettings"/> for what each costs and risks.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit waits until the log is on the disk (SQLite's own default and LeadSync's).</summary>
    Full,

    /// <summary>The log reaches the disk at checkpoints, not at each commit.</summary>
    Normal,
}
