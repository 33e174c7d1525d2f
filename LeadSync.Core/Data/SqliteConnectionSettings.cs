using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadSync.Core.Data;

/// <summary>
/// Per-connection SQLite settings, applied whenever EF Core opens a connection. <c>busy_timeout</c> lets SQLite wait
/// for a concurrent writer itself, in steps of a few milliseconds; without it Microsoft.Data.Sqlite answers
/// SQLITE_BUSY by sleeping 150 ms before each retry, so two writers that meet (a run record and a batch claim, an
/// admin's edit and a push result) stall for a sixth of a second each time. <c>synchronous</c> follows
/// <c>Database:SqliteSynchronous</c>: <c>FULL</c> (default, SQLite's own) makes each commit wait for an fsync of the
/// write-ahead log; <c>NORMAL</c> syncs at checkpoints instead — on a busy disk a commit then took 4 ms instead of 13 ms
/// — and can lose the last commits before a power cut or OS crash (never the file), which the sync engine repeats but
/// a person's edit would not. See docs/decisions/0012-a-million-leads.md.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous = SqliteSynchronous.Full) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
