using System.ComponentModel.DataAnnotations;

namespace LeadSync.Core.Data;

/// <summary>The <c>Database</c> section: which engine, where, and whether to migrate at start.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c> (uses <c>ConnectionStrings:LeadSync</c>).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file, relative to the content root unless absolute.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/leadsync.db";

    /// <summary>When a SQLite commit waits for the disk: <c>Full</c> (default) or <c>Normal</c>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Apply pending migrations when the app starts (turn off to run them as a separate step).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
