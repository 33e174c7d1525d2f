using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadSync.Core.Data;

/// <summary>
/// Per-connection SQLite settings, applied whenever EF Core opens a connection. <c>busy_timeout</c> lets SQLite wait
/// for a concurrent writer itself, in steps of a few milliseconds; without it Microsoft.Data.Sqlite answers
/// SQLITE_BUSY by sleeping 150 ms before each retry, so two writers that meet (a run record and a batch claim, an
/// admin's edit and a push result) stall for a sixth of a second each time. <c>synchronous = NORMAL</c>: in WAL mode
/// a commit then appends to the log without waiting for the disk (fsync), which happens at checkpoints instead.
/// SQLite's default, FULL, syncs the log at every commit; on a disk other processes keep busy one sync took 10 ms to
/// over 100 ms, and a pull commits once per page of 200 — 10,000 leads pulled at a third of the quiet machine's rate.
/// The database cannot be corrupted either way; what NORMAL can lose is the last commits before a power cut or an OS
/// crash (not an application crash), and the sync repeats those: a pulled page is committed with its watermark, so the
/// next pull reads it again, and a push whose outcome was lost is still queued and resent (creates are upserts by
/// email, updates are planned against what Zoho holds). <c>Database:SqliteSynchronous = Full</c> keeps SQLite's default
/// for those who would rather wait. See docs/decisions/0012-a-million-leads.md.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous = SqliteSynchronous.Normal) : DbConnectionInterceptor
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
