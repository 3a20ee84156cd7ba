using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>
/// Serialises writes that must see a member's (or a coupon's) current totals before adding to them. On
/// PostgreSQL the row is locked until the transaction ends; SQLite's transactions already run one writer at
/// a time (Microsoft.Data.Sqlite begins them IMMEDIATE), so nothing more is needed there.
/// </summary>
internal static class MemberRowLock
{
    public static Task LockAsync(DbConnectionFactory db, DbConnection connection, DbTransaction transaction, string table, long id, CancellationToken ct) =>
        db.Provider == DatabaseProvider.PostgreSql
            ? connection.ExecuteAsync(new CommandDefinition($"SELECT 1 FROM {table} WHERE id = @Id FOR UPDATE", new { Id = id }, transaction, cancellationToken: ct))
            : Task.CompletedTask;
}
