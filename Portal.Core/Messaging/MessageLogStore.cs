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

    /// <summary>
    /// Inserts within the caller's transaction (the journal commits many messages at once). This is the
    /// webhook's hottest write, so it skips Dapper's per-call mapping: one statement is prepared and re-run
    /// with new values (SQLite), or all rows go in one batch and one round trip (PostgreSQL).
    /// </summary>
    public async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MessageLogEntry> entries)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var entry in entries)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = InsertSql;
                foreach (var (name, value) in Values(entry))
                    command.Parameters.Add(Parameter(command.CreateParameter(), name, value));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
            return;
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = InsertSql;
        insert.Transaction = transaction;
        foreach (var (name, value) in Values(entries[0]))
            insert.Parameters.Add(Parameter(insert.CreateParameter(), name, value));
        foreach (var entry in entries)
        {
            var i = 0;
            foreach (var (_, value) in Values(entry))
                insert.Parameters[i++].Value = value;
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static DbParameter Parameter(DbParameter parameter, string name, object value)
    {
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    private IEnumerable<(string Name, object Value)> Values(MessageLogEntry e)
    {
        yield return ("Direction", e.Direction);
        yield return ("OpenId", e.OpenId);
        yield return ("MsgType", e.MsgType);
        yield return ("Event", (object?)e.Event ?? DBNull.Value);
        yield return ("EventKey", (object?)e.EventKey ?? DBNull.Value);
        yield return ("MsgId", (object?)e.MsgId ?? DBNull.Value);
        yield return ("DedupKey", (object?)e.DedupKey ?? DBNull.Value);
        yield return ("Content", (object?)e.Content ?? DBNull.Value);
        yield return ("ReplyType", (object?)e.ReplyType ?? DBNull.Value);
        yield return ("ReplyBody", (object?)e.ReplyBody ?? DBNull.Value);
        // The same stored form DapperSetup gives timestamps everywhere else.
        yield return ("CreatedAt", DapperSetup.TimestampValue(e.CreatedAt, db.Provider));
    }

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
