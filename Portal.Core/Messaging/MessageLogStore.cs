using System.Data.Common;
using Dapper;
using Portal.Core.Data;

namespace Portal.Core.Messaging;

/// <summary>The message log: every message and event in, with its reply, and every message out.</summary>
public sealed class MessageLogStore(DbConnectionFactory db)
{
    private const string InsertSql = """
        INSERT INTO message_log (direction, openid, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_body, created_at)
        VALUES (@Direction, @OpenId, @MsgType, @Event, @EventKey, @MsgId, @DedupKey, @Content, @ReplyType, @ReplyBody, @CreatedAt)
        """;

    /// <summary>Inserts within the caller's transaction (the journal commits many messages at once).</summary>
    public Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MessageLogEntry> entries) =>
        connection.ExecuteAsync(InsertSql, entries, transaction);

    public async Task InsertAsync(MessageLogEntry entry, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, entry, cancellationToken: ct)).ConfigureAwait(false);
    }

    private const string ForFollowerSql = """
        SELECT id, direction, openid AS OpenId, msg_type, event, event_key, msg_id, dedup_key, content, reply_type, reply_body, created_at
        FROM message_log WHERE openid = @OpenId ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>A follower's conversation, newest first.</summary>
    public async Task<IReadOnlyList<MessageLogEntry>> ForFollowerAsync(string openId, int limit = 50, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MessageLogEntry>(new CommandDefinition(ForFollowerSql, new { OpenId = openId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }
}
