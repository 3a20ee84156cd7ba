using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Portal.Core.Data;

/// <summary>
/// A statement prepared once on a SQLite connection and re-run with positional values. For the one
/// write hot enough to need it (the message log under webhook load): it skips the ADO.NET layer's
/// per-execution reader and by-name parameter lookups, which cost several times the insert itself.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds <paramref name="values"/> to ?1…?n (strings, whole numbers or DBNull) and runs the statement.</summary>
    public void Run(object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var rc = values[i] switch
            {
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                int number => raw.sqlite3_bind_int(_statement, i + 1, number),
                DBNull or null => raw.sqlite3_bind_null(_statement, i + 1),
                var other => throw new ArgumentException($"Cannot bind a {other.GetType().Name}."),
            };
            Check(rc);
        }
        try
        {
            var step = raw.sqlite3_step(_statement);
            if (step != raw.SQLITE_DONE)
                Check(step);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    public void Dispose() => _statement.Dispose();
}
