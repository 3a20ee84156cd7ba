using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Data;

/// <summary>
/// Brings the database up to the newest schema at start-up and records each applied migration.
/// Several instances may start at once: PostgreSQL serialises them with an advisory lock, SQLite with
/// an immediate (write) transaction, and whoever comes second finds the work already done.
/// </summary>
public sealed partial class MigrationRunner(DbConnectionFactory factory, TimeProvider time, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant that names Portal's migration lock among PostgreSQL advisory locks.
    private const long PostgresLockKey = 0x506f7274616c; // "Portal"

    /// <summary>Applies what is missing and returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken ct = default)
    {
        var migrations = MigrationCatalog.For(factory.Provider);
        await using var connection = await factory.OpenAsync(ct).ConfigureAwait(false);
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer writes; it is remembered by the file itself.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;").ConfigureAwait(false);
            // SQLite changes a key or a constraint by rebuilding the table (migration 0040), which a foreign
            // key to it would refuse mid-way; the keys are checked as a whole before the commit instead. The
            // pragma cannot change inside a transaction, and it is per connection: it is set back after.
            await connection.ExecuteAsync("PRAGMA foreign_keys = OFF;").ConfigureAwait(false);
            try
            {
                return await ApplyAsync(connection, migrations, ct).ConfigureAwait(false);
            }
            finally
            {
                await connection.ExecuteAsync("PRAGMA foreign_keys = ON;").ConfigureAwait(false);
            }
        }
        return await ApplyAsync(connection, migrations, ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<int>> ApplyAsync(DbConnection connection, IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (factory.Provider == DatabaseProvider.PostgreSql)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, transaction).ConfigureAwait(false);

        await connection.ExecuteAsync(CreateHistoryTable(factory.Provider), transaction: transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: transaction).ConfigureAwait(false)).ToHashSet();

        var done = new List<int>();
        foreach (var migration in migrations)
        {
            if (applied.Contains(migration.Version))
                continue;
            await RunAsync(connection, transaction, migration).ConfigureAwait(false);
            done.Add(migration.Version);
            LogApplied(logger, migration.Version, migration.Name);
        }
        if (factory.Provider == DatabaseProvider.Sqlite && done.Count > 0)
        {
            var broken = (await connection.QueryAsync<string>("SELECT \"table\" FROM pragma_foreign_key_check", transaction: transaction).ConfigureAwait(false)).Distinct().ToList();
            if (broken.Count > 0)
                throw new InvalidOperationException($"The migrations would leave rows without their parent in: {string.Join(", ", broken)}.");
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return done;
    }

    private async Task RunAsync(DbConnection connection, DbTransaction transaction, Migration migration)
    {
        await connection.ExecuteAsync(migration.Sql, transaction: transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { migration.Version, migration.Name, AppliedAt = time.GetUtcNow() },
            transaction).ConfigureAwait(false);
    }

    private static string CreateHistoryTable(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql
        ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
