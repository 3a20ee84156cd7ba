using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Core.Data;

/// <summary>
/// Opens connections to Portal's database. The only class that knows SQLite from PostgreSQL; stores
/// ask <see cref="Provider"/> in the rare places where their SQL must differ.
/// </summary>
public sealed class DbConnectionFactory : IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _npgsql;
    private readonly int _busyTimeoutMs;

    public DbConnectionFactory(IOptions<DatabaseOptions> options)
    {
        var o = options.Value;
        Provider = o.Provider;
        _busyTimeoutMs = (int)o.SqliteBusyTimeout.TotalMilliseconds;
        if (Provider == DatabaseProvider.PostgreSql)
        {
            _connectionString = o.ConnectionString!;
            _npgsql = NpgsqlDataSource.Create(_connectionString);
        }
        else
        {
            _connectionString = SqliteConnectionString(o);
        }
        DapperSetup.EnsureRegistered();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// "column is one of @list": Dapper expands a list into parameters for SQLite, but hands PostgreSQL
    /// one array parameter, which only <c>= ANY</c> accepts. Pass the list as an array.
    /// </summary>
    public string InList(string parameter) => Provider == DatabaseProvider.PostgreSql ? $"= ANY(@{parameter})" : $"IN @{parameter}";

    /// <summary>"column is none of @list", as <see cref="InList"/>.</summary>
    public string NotInList(string parameter) => Provider == DatabaseProvider.PostgreSql ? $"<> ALL(@{parameter})" : $"NOT IN @{parameter}";

    /// <summary>The size SQLite's write-ahead log is cut back to when it starts over (bytes).</summary>
    internal const long WalSizeLimit = 64L * 1024 * 1024;

    /// <summary>Opens a pooled connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_npgsql is not null)
            return await _npgsql.OpenConnectionAsync(ct).ConfigureAwait(false);

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // These pragmas are per connection; WAL is a property of the file, set once by the migrator.
        // In WAL mode synchronous=NORMAL keeps every commit through a crash of the process (not of the OS).
        // Checkpoints are SqliteCheckpointer's job, off the path of any request. A burst can grow the log to
        // hundreds of megabytes; SQLite reuses the file rather than shrinking it, so the limit has it cut back
        // when the log next starts over.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = SqlitePragmas;
        await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Opens a pooled connection without awaiting, for the rare caller that a framework calls synchronously
    /// (the Data Protection key ring, read about once a day); everything else uses <see cref="OpenAsync"/>.
    /// </summary>
    public DbConnection Open()
    {
        if (_npgsql is not null)
            return _npgsql.OpenConnection();

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = SqlitePragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    private string SqlitePragmas =>
        $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalSizeLimit};";

    private static string SqliteConnectionString(DatabaseOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
            return o.ConnectionString;
        Directory.CreateDirectory(o.DataFolder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(o.DataFolder, "portal.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
        }.ToString();
    }

    public void Dispose() => _npgsql?.Dispose();
}
