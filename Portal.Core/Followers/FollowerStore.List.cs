using System.Text;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Followers;

public sealed partial class FollowerStore
{
    public const int PageSize = 50;

    /// <summary>
    /// One page of followers, newest first, after <paramref name="after"/> or before <paramref name="before"/>
    /// (keyset paging: never OFFSET). Filtered by tag, the page is read from follower_tags' own index.
    /// </summary>
    public async Task<FollowerPage> ListAsync(int accountId, FollowerFilter filter, FollowerCursor? after = null, FollowerCursor? before = null,
        int pageSize = PageSize, CancellationToken ct = default)
    {
        var backwards = after is null && before is not null;
        var cursor = backwards ? before : after;
        var sql = ListSql(filter, cursor is not null, backwards);
        var search = filter.Search?.Trim();
        var args = new
        {
            AccountId = accountId,
            filter.TagId,
            filter.Subscribed,
            filter.Scene,
            Search = search,
            Prefix = search,
            Upper = search + "\U0010FFFF",
            At = cursor?.ListedAt,
            OpenId = cursor?.OpenId,
            Limit = pageSize + 1,
        };
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Follower>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false)).AsList();
        var more = rows.Count > pageSize;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (backwards)
            rows.Reverse();
        if (rows.Count == 0)
            return new FollowerPage(rows, null, null);
        var first = new FollowerCursor(rows[0].ListedAt, rows[0].OpenId);
        var last = new FollowerCursor(rows[^1].ListedAt, rows[^1].OpenId);
        // Going forwards, a page exists before this one whenever we came from a cursor; going backwards,
        // the page we came from is after this one.
        return backwards
            ? new FollowerPage(rows, more ? first : null, last)
            : new FollowerPage(rows, cursor is null ? null : first, more ? last : null);
    }

    /// <summary>The list's SQL for a filter; public so the benchmark can show the plan it measures.</summary>
    public string ListSql(FollowerFilter filter, bool fromCursor, bool backwards)
    {
        // Filtered by tag, the keyset columns are follower_tags' copies: that index alone orders the page.
        var key = filter.TagId is null ? "f" : "t";
        var sql = new StringBuilder("""
            SELECT f.openid AS OpenId, f.subscribed, f.subscribed_at, f.unsubscribed_at, f.qr_scene, f.unionid AS UnionId, f.remark,
                   f.last_interaction_at, f.language, f.subscribe_scene, f.synced_at, f.last_reply_at, f.listed_at, f.created_at, f.updated_at
            """);
        sql.Append(filter.TagId is null
            ? "\nFROM followers f WHERE f.account_id = @AccountId"
            : "\nFROM follower_tags t JOIN followers f ON f.account_id = t.account_id AND f.openid = t.openid WHERE t.account_id = @AccountId AND t.tag_id = @TagId");
        if (fromCursor)
            sql.Append($" AND ({key}.listed_at, {key}.openid) {(backwards ? ">" : "<")} (@At, @OpenId)");
        if (filter.Subscribed is not null)
            sql.Append(" AND f.subscribed = @Subscribed");
        if (!string.IsNullOrEmpty(filter.Scene))
            sql.Append(" AND f.qr_scene = @Scene");
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // A remark prefix is a range of bytes; PostgreSQL's default collation would compare by language rules.
            var remark = db.Provider == DatabaseProvider.PostgreSql ? "f.remark COLLATE \"C\"" : "f.remark";
            sql.Append($" AND (f.openid = @Search OR ({remark} >= @Prefix AND {remark} < @Upper))");
        }
        var direction = backwards ? "ASC" : "DESC";
        sql.Append($"\nORDER BY {key}.listed_at {direction}, {key}.openid {direction} LIMIT @Limit");
        return sql.ToString();
    }
}
