using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadSync.Core.Data;

/// <summary>
/// Per-connection SQLite settings, applied whenever EF Core opens a connection. <c>busy_timeout</c> lets SQLite wait
/// for a concurrent writer itself, in steps of a few milliseconds; without it Microsoft.Data.Sqlite answers
/// SQLITE_BUSY by sleeping 150 ms before each retry, so two writers that meet (a run record and a batch claim, an
/// admin's edit and a push result) stall for a sixth of a second each time.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
