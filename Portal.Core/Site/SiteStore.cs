using System.Data.Common;
using Portal.Core.Data;

namespace Portal.Core.Site;

/// <summary>
/// The micro-site's tables, one partial file per kind of content with its SQL beside each method.
/// Methods that change content take the caller's transaction, so that the change and its audit entry
/// (<see cref="SiteEditor"/>) are committed together; reads open their own connection when given none.
/// </summary>
public sealed partial class SiteStore(DbConnectionFactory db, TimeProvider time)
{
    private async Task<T> WithConnectionAsync<T>(DbTransaction? tx, Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        if (tx is not null)
            return await work(tx.Connection!).ConfigureAwait(false);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    /// <summary>Writes a new order for a list: positions 10, 20, 30… in the order of <paramref name="ids"/>.</summary>
    private async Task SetOrderAsync(DbTransaction tx, int accountId, string table, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        // The table name comes from this class's constants, never from input.
        var sql = $"UPDATE {table} SET sort_order = @Order, updated_at = @At WHERE account_id = @AccountId AND id = @Id";
        for (var i = 0; i < ids.Count; i++)
            await Dapper.SqlMapper.ExecuteAsync(tx.Connection!, new Dapper.CommandDefinition(sql, new { AccountId = accountId, Id = ids[i], Order = (i + 1) * 10, At = at }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }
}
