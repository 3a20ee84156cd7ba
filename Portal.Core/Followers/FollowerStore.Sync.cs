using System.Data.Common;
using Dapper;

namespace Portal.Core.Followers;

// Filling the followers table from the platform's user list and user info, and the record of each run.
public sealed partial class FollowerStore
{
    // The platform is the authority on everything it tells; what it does not tell (last interaction,
    // Portal's own columns) is kept. A re-sync of the same page writes the same values again.
    private const string UpsertFromPlatformSql = """
        INSERT INTO followers (account_id, openid, subscribed, subscribed_at, unsubscribed_at, qr_scene, unionid, remark, language, subscribe_scene,
                               synced_at, listed_at, created_at, updated_at)
        VALUES (@AccountId, @OpenId, @Subscribed, @SubscribedAt, @UnsubscribedAt, @QrScene, @UnionId, @Remark, @Language, @SubscribeScene,
                @At, @ListedAt, @At, @At)
        ON CONFLICT (account_id, openid) DO UPDATE SET
            subscribed = @Subscribed,
            subscribed_at = COALESCE(@SubscribedAt, followers.subscribed_at),
            unsubscribed_at = CASE WHEN @Subscribed THEN NULL ELSE COALESCE(followers.unsubscribed_at, @At) END,
            qr_scene = CASE WHEN @Subscribed THEN @QrScene ELSE followers.qr_scene END,
            unionid = COALESCE(@UnionId, followers.unionid),
            remark = CASE WHEN @Subscribed THEN @Remark ELSE followers.remark END,
            language = COALESCE(@Language, followers.language),
            subscribe_scene = COALESCE(@SubscribeScene, followers.subscribe_scene),
            synced_at = @At,
            listed_at = COALESCE(@SubscribedAt, followers.listed_at),
            updated_at = @At;
        DELETE FROM follower_tags WHERE account_id = @AccountId AND openid = @OpenId
        """;

    private const string InsertFollowerTagSql = """
        INSERT INTO follower_tags (account_id, tag_id, openid, listed_at)
        SELECT account_id, @TagId, openid, listed_at FROM followers WHERE account_id = @AccountId AND openid = @OpenId
        ON CONFLICT (account_id, openid, tag_id) DO NOTHING
        """;

    /// <summary>Stores what user info told about each follower, their tags included, replacing what was known.</summary>
    public async Task UpsertFromPlatformAsync(DbTransaction transaction, int accountId, IReadOnlyList<UserInfo> users, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = transaction.Connection!;
        foreach (var user in users)
        {
            var args = new
            {
                AccountId = accountId,
                user.OpenId,
                Subscribed = user.IsSubscribed,
                user.SubscribedAt,
                UnsubscribedAt = user.IsSubscribed ? (DateTimeOffset?)null : at,
                QrScene = QrSceneOf(user),
                UnionId = string.IsNullOrEmpty(user.UnionId) ? null : user.UnionId,
                Remark = string.IsNullOrEmpty(user.Remark) ? null : user.Remark,
                Language = string.IsNullOrEmpty(user.Language) ? null : user.Language,
                SubscribeScene = string.IsNullOrEmpty(user.SubscribeScene) ? null : user.SubscribeScene,
                At = at,
                ListedAt = user.SubscribedAt ?? at,
            };
            await connection.ExecuteAsync(new CommandDefinition(UpsertFromPlatformSql, args, transaction, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var tagId in user.TagIds.Distinct())
                await connection.ExecuteAsync(new CommandDefinition(InsertFollowerTagSql, new { AccountId = accountId, TagId = tagId, user.OpenId }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    /// <summary>The scene the webhook would have recorded: the QR code's string scene, else its number.</summary>
    public static string? QrSceneOf(UserInfo user) =>
        !string.IsNullOrEmpty(user.QrSceneStr) ? user.QrSceneStr
        : user.QrScene != 0 ? user.QrScene.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    private const string RunColumns = "id, status, started_by, total, pages, followers, next_openid, started_at, updated_at, finished_at";

    private const string StartRunSql = """
        INSERT INTO follower_syncs (account_id, status, started_by, pages, followers, started_at, updated_at)
        VALUES (@AccountId, @Status, @StartedBy, 0, 0, @At, @At)
        RETURNING id
        """;

    public Task<long> StartSyncAsync(DbTransaction transaction, int accountId, string startedBy, DateTimeOffset at, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(StartRunSql, new { AccountId = accountId, Status = FollowerSyncRun.Running, StartedBy = startedBy, At = at }, transaction, cancellationToken: ct));

    private const string LatestRunSql = $"SELECT {RunColumns} FROM follower_syncs WHERE account_id = @AccountId ORDER BY id DESC LIMIT 1";

    public async Task<FollowerSyncRun?> LatestSyncAsync(int accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FollowerSyncRun>(new CommandDefinition(LatestRunSql, new { AccountId = accountId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string RunSql = $"SELECT {RunColumns} FROM follower_syncs WHERE account_id = @AccountId AND id = @Id";

    public async Task<FollowerSyncRun?> SyncAsync(int accountId, long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<FollowerSyncRun>(new CommandDefinition(RunSql, new { AccountId = accountId, Id = id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    // Conditional on the page before it: a page worked again after a crash is not counted twice.
    private const string PageDoneSql = """
        UPDATE follower_syncs SET pages = @Page, followers = followers + @Count, total = @Total, next_openid = @NextOpenId, updated_at = @At
        WHERE account_id = @AccountId AND id = @Id AND pages = @Page - 1
        """;

    public Task RecordSyncPageAsync(DbTransaction transaction, int accountId, long id, int page, int count, int total, string? nextOpenId, DateTimeOffset at, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(PageDoneSql, new { AccountId = accountId, Id = id, Page = page, Count = count, Total = total, NextOpenId = nextOpenId, At = at }, transaction, cancellationToken: ct));

    private const string FinishRunSql = """
        UPDATE follower_syncs SET status = @Finished, finished_at = @At, updated_at = @At WHERE account_id = @AccountId AND id = @Id AND status = @Running
        """;

    // Followers the walk did not meet no longer follow: unless they followed (or were seen) since it began.
    private const string UnseenSql = """
        UPDATE followers SET subscribed = @No, unsubscribed_at = @At, updated_at = @At
        WHERE account_id = @AccountId AND subscribed = @Yes AND (synced_at IS NULL OR synced_at < @StartedAt) AND listed_at < @StartedAt
          AND (last_interaction_at IS NULL OR last_interaction_at < @StartedAt)
        """;

    /// <summary>Ends a run that walked the whole list; true the first time.</summary>
    public async Task<bool> FinishSyncAsync(DbTransaction transaction, int accountId, long id, DateTimeOffset startedAt, DateTimeOffset at, CancellationToken ct = default)
    {
        var connection = transaction.Connection!;
        var args = new { AccountId = accountId, Id = id, Finished = FollowerSyncRun.Finished, Running = FollowerSyncRun.Running, At = at };
        if (await connection.ExecuteAsync(new CommandDefinition(FinishRunSql, args, transaction, cancellationToken: ct)).ConfigureAwait(false) != 1)
            return false;
        await connection.ExecuteAsync(new CommandDefinition(UnseenSql, new { AccountId = accountId, No = false, Yes = true, At = at, StartedAt = startedAt }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        return true;
    }
}
