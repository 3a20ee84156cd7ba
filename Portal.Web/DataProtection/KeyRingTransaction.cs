using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Web.DataProtection;

/// <summary>
/// One database transaction that holds the key ring's lock, so that of several instances starting at once
/// only one at a time looks at the ring and adds to it. PostgreSQL: an advisory lock held until the
/// transaction ends. SQLite: the file's write lock, taken by an immediate transaction. While it is open,
/// <see cref="DatabaseXmlRepository"/> reads and writes through it (SQLite would otherwise wait on itself).
/// </summary>
public sealed class KeyRingTransaction : IAsyncDisposable
{
    // An arbitrary constant naming the key ring's lock among PostgreSQL advisory locks ("DPKeys").
    private const long PostgresLockKey = 0x44504b657973;

    private KeyRingTransaction(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>False once committed or disposed: the repository then opens its own connections again.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>Waits for the lock (another instance may hold it for the moment its start-up takes) and returns it held.</summary>
    public static async Task<KeyRingTransaction> BeginAsync(DbConnectionFactory db, CancellationToken ct)
    {
        var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is ours from the start.
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (db.Provider == DatabaseProvider.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, transaction, cancellationToken: ct))
                    .ConfigureAwait(false);
            }
            return new KeyRingTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct).ConfigureAwait(false);
        IsOpen = false;
    }

    public async ValueTask DisposeAsync()
    {
        IsOpen = false;
        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
