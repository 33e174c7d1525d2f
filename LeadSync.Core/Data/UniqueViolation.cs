using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeadSync.Core.Data;

/// <summary>
/// Tells a save refused by a unique index (SQLite's constraint error 2067/1555, PostgreSQL's 23505) from other failures:
/// for a pulled page it means another writer — a webhook's pull beside a scheduled one — stored the same lead first, so
/// the page is merged again and finds it, as after a concurrency failure.
/// </summary>
public static class UniqueViolation
{
    /// <summary>True when <paramref name="exception"/> is a unique-index refusal on either database.</summary>
    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
    }
}
