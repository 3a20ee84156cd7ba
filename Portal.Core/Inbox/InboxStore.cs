using System.Data.Common;
using System.Text;
using Dapper;
using Portal.Core.Data;
using Portal.Core.Messaging;

namespace Portal.Core.Inbox;

/// <summary>Followers' messages from the message log, newest first, and operators' replies with their delivery.</summary>
public sealed class InboxStore(DbConnectionFactory db)
{
    public const int PageSize = 50;

    /// <summary>
    /// A page of messages in (events left out), newest first, before message <paramref name="before"/>.
    /// Unanswered: no passive reply that answered it (the default reply does not: it says nothing was
    /// understood, and a reply deferred to the outbox is not known to be an answer), and no operator reply
    /// queued to the follower since.
    /// </summary>
    public async Task<IReadOnlyList<InboxMessage>> ListAsync(int accountId, bool unansweredOnly, long? before, int limit = PageSize, CancellationToken ct = default)
    {
        var sql = new StringBuilder("""
            SELECT m.id, m.openid AS OpenId, m.msg_type, m.content, m.reply_type, m.reply_kind, m.created_at,
                   f.remark, f.last_interaction_at, f.last_reply_at
            FROM message_log m LEFT JOIN followers f ON f.account_id = m.account_id AND f.openid = m.openid
            WHERE m.account_id = @AccountId AND m.direction = 'in' AND m.msg_type <> 'event'
            """);
        if (before is not null)
            sql.Append(" AND m.id < @Before");
        if (unansweredOnly)
            sql.Append(" AND (m.reply_kind IS NULL OR m.reply_kind <> 'answer') AND (f.last_reply_at IS NULL OR f.last_reply_at < m.created_at)");
        sql.Append(" ORDER BY m.id DESC LIMIT @Limit");
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<InboxMessage>(new CommandDefinition(sql.ToString(), new { AccountId = accountId, Before = before, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    private const string RepliesSql = """
        SELECT m.id, m.openid AS OpenId, m.content, m.created_at, m.dedup_key AS OutboxKey, o.status, o.last_error
        FROM message_log m LEFT JOIN outbox o ON o.idempotency_key = m.dedup_key
        WHERE m.account_id = @AccountId AND m.direction = 'out'
        ORDER BY m.id DESC LIMIT @Limit
        """;

    /// <summary>The latest operator replies to anyone, with their delivery status.</summary>
    public async Task<IReadOnlyList<OperatorReply>> RecentRepliesAsync(int accountId, int limit = 20, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<OperatorReply>(new CommandDefinition(RepliesSql, new { AccountId = accountId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    private const string RecordReplySql = """
        INSERT INTO message_log (account_id, direction, openid, msg_type, dedup_key, content, reply_type, created_at)
        VALUES (@AccountId, @Out, @OpenId, 'text', @OutboxKey, @Text, @Kind, @At);
        UPDATE followers SET last_reply_at = @At, updated_at = @At WHERE account_id = @AccountId AND openid = @OpenId
        """;

    /// <summary>
    /// Logs an operator's reply as a message out (the follower's history shows it; its dedup_key names the
    /// outbox row that delivers it) and marks the follower's earlier messages answered.
    /// </summary>
    public Task RecordReplyAsync(DbTransaction transaction, int accountId, string openId, string text, string outboxKey, DateTimeOffset at, CancellationToken ct = default) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(RecordReplySql,
            new { AccountId = accountId, Out = MessageLogEntry.Out, OpenId = openId, OutboxKey = outboxKey, Text = text, Kind = CustomerServiceReply.OutboxKind, At = at },
            transaction, cancellationToken: ct));
}
