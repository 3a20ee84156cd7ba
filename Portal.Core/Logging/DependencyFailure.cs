using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Core.Coordination;
using StackExchange.Redis;

namespace Portal.Core.Logging;

/// <summary>
/// Tells an exception that means "a server cannot be reached or cannot serve now" from one that means a bug,
/// so that callers count the first kind as part of an outage and keep logging the second in full.
/// </summary>
public static class DependencyFailure
{
    // SQLite: busy, locked, read-only, I/O error, corrupt, full, cannot open, not a database.
    private static readonly HashSet<int> SqliteUnavailable = [5, 6, 8, 10, 11, 13, 14, 26];

    /// <summary>True when <paramref name="exception"/> (or one it wraps) says a dependency is unavailable.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CoordinationUnavailableException or RedisConnectionException or RedisTimeoutException:
                case SocketException or TimeoutException:
                    return true;
                case PostgresException pg:
                    // Connection and resource classes, shutdowns, and a database that is gone.
                    return pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "3D000";
                case NpgsqlException:
                    return true; // the client's own failures: connecting, reading, timing out
                case SqliteException sqlite:
                    return SqliteUnavailable.Contains(sqlite.SqliteErrorCode);
                case DbException db when db.IsTransient:
                    return true;
            }
        }
        return false;
    }
}
