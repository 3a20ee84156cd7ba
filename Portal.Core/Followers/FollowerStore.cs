using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Followers;

/// <summary>
/// The followers table: kept in step with follow, unfollow and message events here, listed and searched
/// (FollowerStore.List.cs), filled from the platform (FollowerStore.Sync.cs), with tags (FollowerStore.Tags.cs).
/// </summary>
public sealed partial class FollowerStore(DbConnectionFactory db)
{
    private const string SubscribeSql = """
        INSERT INTO followers (account_id, openid, subscribed, subscribed_at, qr_scene, last_interaction_at, listed_at, created_at, updated_at)
        VALUES (@AccountId, @OpenId, @Yes, @At, @QrScene, @At, @At, @At, @At)
        ON CONFLICT (account_id, openid) DO UPDATE SET
            subscribed = @Yes, subscribed_at = @At, unsubscribed_at = NULL,
            qr_scene = @QrScene, last_interaction_at = @At, listed_at = @At, updated_at = @At;
        UPDATE follower_tags SET listed_at = @At WHERE account_id = @AccountId AND openid = @OpenId
        """;

    private const string UnsubscribeSql = """
        INSERT INTO followers (account_id, openid, subscribed, unsubscribed_at, listed_at, created_at, updated_at)
        VALUES (@AccountId, @OpenId, @No, @At, @At, @At, @At)
        ON CONFLICT (account_id, openid) DO UPDATE SET subscribed = @No, unsubscribed_at = @At, updated_at = @At
        """;

    // Someone who writes to the account follows it, even if they followed before Portal was installed.
    private const string TouchSql = """
        INSERT INTO followers (account_id, openid, subscribed, last_interaction_at, listed_at, created_at, updated_at)
        VALUES (@AccountId, @OpenId, @Yes, @At, @At, @At, @At)
        ON CONFLICT (account_id, openid) DO UPDATE SET last_interaction_at = @At, updated_at = @At
        """;

    /// <summary>Applies changes within the caller's transaction, in order (the journal commits many at once).</summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FollowerChange> changes)
    {
        foreach (var change in changes)
        {
            var (sql, args) = change.Kind switch
            {
                FollowerChangeKind.Subscribe => (SubscribeSql, (object)new { change.AccountId, change.OpenId, Yes = true, change.At, change.QrScene }),
                FollowerChangeKind.Unsubscribe => (UnsubscribeSql, new { change.AccountId, change.OpenId, No = false, change.At }),
                _ => (TouchSql, new { change.AccountId, change.OpenId, Yes = true, change.At }),
            };
            await connection.ExecuteAsync(sql, args, transaction).ConfigureAwait(false);
        }
    }

    private const string GetSql = """
        SELECT openid AS OpenId, subscribed, subscribed_at, unsubscribed_at, qr_scene, unionid AS UnionId, remark,
               last_interaction_at, language, subscribe_scene, synced_at, last_reply_at, listed_at, created_at, updated_at
        FROM followers WHERE account_id = @AccountId AND openid = @OpenId
        """;

    public async Task<Follower?> GetAsync(int accountId, string openId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<Follower>(new CommandDefinition(GetSql, new { AccountId = accountId, OpenId = openId }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
